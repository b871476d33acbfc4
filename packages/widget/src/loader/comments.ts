import type { ScriptOptions } from "../core/config.js";

type AppModule = typeof import("../app/comments.js");

/**
 * Finds the comments containers (`#causette`, `[data-causette-comments]`) and loads the
 * comments app for each as it nears the viewport — at once when the URL points at a comment.
 */
export function startComments(script: HTMLScriptElement, options: ScriptOptions): void {
  for (const el of document.querySelectorAll<HTMLElement>("#causette, [data-causette-comments]")) {
    const load = () =>
      import(/* @vite-ignore */ new URL("comments.js", script.src).href).then((app: AppModule) =>
        app.mount(el, options, script.dataset),
      );
    if (/^#comment-/.test(location.hash) || !("IntersectionObserver" in window)) load();
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
