import type { Chunk, ScriptOptions } from "../core/config.js";
import { INTENT } from "../passages/intent.js";
import { h } from "../share/dom.js";

type AppModule = typeof import("../app/comments.js");

/**
 * Finds the comments containers (`#causette`, `[data-causette-comments]`) and loads the
 * comments app for each as it nears the viewport — at once when it is near already, or
 * when the URL points at a comment.
 */
export function startComments(chunk: Chunk, options: ScriptOptions, data: DOMStringMap): void {
  for (const el of document.querySelectorAll<HTMLElement>("#causette, [data-causette-comments]")) {
    let loaded = false;
    const load = () => {
      if (loaded) return;
      loaded = true;
      preloadThread(options, data.sort);
      const app = chunk<AppModule>("comments.js");
      // The first Intl formatter of a page loads the browser's locale data (25–90 ms): done
      // once both requests are on their way, it overlaps them instead of delaying either
      // them or the first render.
      Intl.DateTimeFormat().format();
      app.then((app) => app.mount(el, options, data));
    };
    // A reader's intent (a passage to comment on) loads it at once.
    el.addEventListener(INTENT, load);
    // Near the viewport already (a short post), or pointed at: no need to wait for the
    // observer's first callback, a frame later.
    if (/^#comment-/.test(location.hash) || el.getBoundingClientRect().top < innerHeight + 800) load();
    else {
      const io = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            io.disconnect();
            load();
          }
        },
        { rootMargin: "800px 0px" },
      );
      io.observe(el);
    }
  }
}

/**
 * Asks for the thread's first page while the app itself downloads, rather than after: a
 * `<link rel=preload>` for exactly the request the app makes first (same URL, CORS,
 * no credentials), which the app's `fetch` then takes from the preload cache.
 */
function preloadThread(options: ScriptOptions, sort?: string): void {
  document.head.append(
    h("link", { rel: "preload", as: "fetch", crossorigin: "", href: threadUrl(options, sort) }),
  );
}

/** The thread's first page, as the app asks for it first (the passages' listener asks the same). */
export function threadUrl(options: ScriptOptions, sort?: string): string {
  const q = new URLSearchParams({
    site: options.site || "default",
    // optionsFromScript derived it.
    page: options.page!,
    sort: /^(newest|top)$/.test(sort ?? "") ? sort! : "oldest",
  });
  return `${options.server}/api/comments?${q}`;
}
