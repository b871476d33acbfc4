import type { Chunk, ScriptOptions } from "../core/config.js";
import { COUNT_EVENT, type CountDetail, LIVE_EVENT, type LiveDetail } from "../core/events.js";
import { fragmentLang, fragmentUrl, THREAD_MARK } from "../core/fragment.js";
import { h } from "../core/h.js";
import { DRAWN_SELECTOR } from "../light/start.js";
import { INTENT as PASSAGE, THREAD } from "../passages/intent.js";
import { isDark } from "../ui/dark.js";

type AppModule = typeof import("../app/comments.js");
/** `live.js`, or `light.js`, which has it too. */
type Live = typeof import("../live/chunk.js");

/** What a reader does that says they may act: the app (Preact, the stores, ky) loads then. */
const INTENT = ["pointerover", "focusin", "touchstart", "keydown"];

/**
 * Finds the comments containers (`#causette`, `[data-causette-comments]`) and shows each
 * one's thread as the server renders it (`GET /api/comments.html`) as it nears the
 * viewport, or adopts the fragment the site put inside the container itself (no request).
 * Reading, permalinks and the count need nothing more; the comments app is fetched at the
 * reader's first sign of intent, hydrates the thread, and then performs the click or submit
 * that came before it (the reader loses nothing).
 */
export function startComments(chunk: Chunk, options: ScriptOptions, script: HTMLScriptElement): void {
  const data = script.dataset;
  const lang = options.locale || document.documentElement.lang || "en";
  const fr = fragmentLang(lang) === "fr";
  for (const el of document.querySelectorAll<HTMLElement>("#causette,[data-causette-comments]")) {
    const adopted = el.querySelector(`[${THREAD_MARK}]`);
    const root = el.shadowRoot ?? el.attachShadow({ mode: "open" });
    // The stylesheet from the Causette server (which a strict CSP names in style-src): the
    // thread stays hidden until it applies, so that it never shows unstyled.
    const box = h("div", { class: isDark(el, options.theme) ? "causette dark" : "causette", hidden: "" });
    const link = h("link", { rel: "stylesheet", href: new URL("comments.css", script.src).href });
    link.onload = link.onerror = () => box.removeAttribute("hidden");
    root.append(link, box);
    let app: Promise<unknown> | undefined;
    /** The control clicked or the form submitted before the app came: it is done once it has. */
    let pending: HTMLElement | undefined;
    let hydrated = false;
    /** The loader moves the focus itself (a permalink): that is no reader's intent. */
    let quiet = false;
    const intent = () => quiet || load();
    let shown = 0;
    let following = false;
    // Live: others' new comments counted in a polite notice until the reader asks for them
    // (an intent: the app loads, with them); once the app has the thread, it handles the
    // stream (core/events.ts LIVE_EVENT) and the notice says what it holds back. Started with
    // the server's HTML (from its event id), or by the app when it came first. The live
    // client comes with light.js on a page that has light parts (one request for both),
    // else as live.js: not in the loader, which pages without comments fetch too.
    const follow = (from: string | null) => {
      following = true;
      const fresh = new Set<string>();
      const tell = (type: string, data?: unknown) => {
        const d: LiveDetail = { type, data, fresh: 0 };
        el.dispatchEvent(new CustomEvent(LIVE_EVENT, { detail: d }));
        return d.fresh;
      };
      chunk<Live>(document.querySelector(DRAWN_SELECTOR) ? "light.js" : "live.js").then(
        ({ live, notice }) => {
          const note = notice(fr, () => (hydrated ? note.set(tell("show")) : load()));
          root.insertBefore(note.el, box);
          // The app's own word on how many wait (its POST's answer named one as the reader's own).
          el.addEventListener(LIVE_EVENT, (e) => {
            const d = (e as CustomEvent<LiveDetail>).detail;
            if (d.type === "fresh") note.set(d.fresh);
          });
          live(
            options.server,
            site,
            options.page!,
            el,
            (type, data) => {
              if (hydrated) return note.set(tell(type, data));
              // Too far behind to be caught up (or the page moved): the app reads the thread anew.
              if (type === "reload") return load();
              if (type === "comment" && !root.getElementById(`comment-${data.id}`))
                data.status === "approved" ? fresh.add(data.id) : fresh.delete(data.id);
              if (type === "remove") fresh.delete(data.id);
              note.set(fresh.size);
              count(shown + fresh.size);
            },
            from,
          );
        },
        Boolean,
      );
    };
    const load = () => {
      if (app) return;
      for (const type of INTENT) root.removeEventListener(type, intent);
      preloadThread(options, box.firstElementChild?.getAttribute(THREAD_MARK));
      // The app with the strings of the thread's language: French pages have their own build.
      app = chunk<AppModule>(fr ? "comments.fr.js" : "comments.js")
        .then((m) => m.hydrate(el, options, data))
        .then(() => {
          hydrated = true;
          // Before the server's HTML came (an intent far above the thread): live from now on.
          following || follow(null);
          // The app drew the thread from its own, newer read: nothing is held back any more.
          root.querySelector(".lv")?.replaceChildren();
          if (pending?.isConnected)
            pending instanceof HTMLFormElement ? pending.requestSubmit() : pending.click();
        });
    };
    for (const type of INTENT) root.addEventListener(type, intent, { passive: true });
    // A passage to comment on (issue #17): the app loads and takes it (passages/intent.ts).
    el.addEventListener(PASSAGE, load);
    // Until the app has come, a click on a control, a sort link or "more comments", or a
    // submit, is kept (the last one) for the app to perform.
    const keep = (e: Event, target?: HTMLElement | null) => {
      if (hydrated || !target) return;
      e.preventDefault();
      pending = target;
      load();
    };
    root.addEventListener("click", (e) =>
      keep(e, (e.target as Element).closest<HTMLElement>("button, a[data-sort], a[data-more]")),
    );
    root.addEventListener("submit", (e) => keep(e, e.target as HTMLElement));
    const site = options.site || "default";
    const count = (n: number) =>
      document.dispatchEvent(
        new CustomEvent<CountDetail>(COUNT_EVENT, { detail: { site, page: options.page!, count: n } }),
      );
    const show = (thread: Element) => {
      box.replaceChildren(thread);
      // Its comments on passages, for the passages' listener (listener.ts) to mark.
      el.dispatchEvent(
        new CustomEvent(THREAD, {
          detail: [...thread.querySelectorAll<HTMLElement>("[data-anchor]")].map((a) => ({
            id: a.id.slice(8),
            anchor: JSON.parse(a.dataset.anchor!),
          })),
        }),
      );
      shown = +thread.getAttribute("data-count")!;
      count(shown);
      follow(thread.getAttribute("data-event-id"));
      // A permalink (#comment-<id>): shown and highlighted, or, on a later page, the app
      // loads the pages until it is there.
      const reveal = () => {
        const id = /^#comment-(.+)$/.exec(location.hash)?.[1];
        if (!id || app) return;
        const target = root.getElementById(`comment-${decodeURIComponent(id)}`);
        if (!target) return load();
        target.classList.add("highlight");
        target.scrollIntoView();
        quiet = true;
        target.focus({ preventScroll: true });
        quiet = false;
      };
      addEventListener("hashchange", reveal);
      reveal();
    };
    if (adopted) show(adopted);
    else {
      // Not asked for at all once the app has come (an intent far above the thread): it
      // draws the thread itself.
      const fetchThread = () =>
        app ||
        fetch(
          fragmentUrl(options.server, {
            site: options.site || "default",
            page: options.page!,
            sort: /^(newest|top)$/.test(data.sort ?? "") ? (data.sort as "newest") : "oldest",
            lang,
          }),
        )
          .then((r) => (r.ok ? r.text() : Promise.reject()))
          .then((html) => {
            // The app came first (an intent far above the thread) and draws it itself.
            if (app) return;
            // The server's render, whose comments its sanitizer cleaned: the one HTML the
            // widget inserts as HTML.
            const t = h("template");
            t.innerHTML = html;
            const thread = (t as HTMLTemplateElement).content.querySelector(`[${THREAD_MARK}]`);
            if (thread) show(thread);
          })
          // No fragment (an older server, a failure): the app draws the thread itself.
          .catch(load);
      // Near the viewport already (a short post), or pointed at: no need to wait for the
      // observer's first callback, a frame later. With passages on, at once: the marks in the
      // article come from this HTML (data-anchor), due before the reader reaches the comments.
      if (
        /^#comment-/.test(location.hash) ||
        data.passages !== "off" ||
        el.getBoundingClientRect().top < innerHeight + 800
      )
        fetchThread();
      else {
        const io = new IntersectionObserver(
          (entries) => {
            if (entries.some((e) => e.isIntersecting)) {
              io.disconnect();
              fetchThread();
            }
          },
          { rootMargin: "800px 0px" },
        );
        io.observe(el);
      }
    }
  }
}

/**
 * Asks for the thread's JSON while the app itself downloads, rather than after: a
 * `<link rel=preload>` for exactly the request the app makes first (same URL, CORS,
 * no credentials), which the app then takes from the preload cache.
 */
function preloadThread(options: ScriptOptions, sort?: string | null): void {
  const q = new URLSearchParams({
    site: options.site || "default",
    // optionsFromScript derived it.
    page: options.page!,
    sort: /^(newest|top)$/.test(sort ?? "") ? sort! : "oldest",
  });
  document.head.append(
    h("link", { rel: "preload", as: "fetch", crossorigin: "", href: `${options.server}/api/comments?${q}` }),
  );
}
