import { h, hydrate, render } from "preact";
import { createApi } from "../api/client.js";
import { LIVE_EVENT, type LiveDetail } from "../core/events.js";
import { THREAD_MARK } from "../core/fragment.js";
import type { CommentsOptions } from "../core/options.js";
import { derivePageId } from "../core/page-id.js";
import { loadI18n, pickLocale } from "../i18n/index.js";
import { follow } from "../live/follow.js";
import { THREAD, takeIntents } from "../passages/intent.js";
import { sheet } from "../share/dom.js";
import { createThread } from "../stores/thread.js";
import css from "../ui/styles.css?inline";
import { isDark, watchTheme } from "../ui/theme.js";
import { App } from "./app.js";

/** How long the thread may take before the loading state is drawn (ms). */
const SLOW = 300;

/**
 * Mounts the comments of this page into `element`: an open shadow root attached to the
 * element itself, styled by a constructable stylesheet (nothing a strict CSP blocks), live
 * while on screen (others' new comments announced, edits and scores in place).
 * Returns the function that unmounts it.
 *
 * @example
 * import { mountComments } from "@causette/widget";
 * const unmount = mountComments(document.querySelector("#comments")!, {
 *   server: "https://comments.example.com",
 *   locale: "fr",
 * });
 */
export function mountComments(element: HTMLElement, options: CommentsOptions): () => void {
  const root = element.shadowRoot ?? element.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = [sheet(css)];
  const app = startThread(element, options);
  // Live: others' comments announced, edits and scores in place, once the app has the thread.
  let mounted = true;
  let stop = () => {};
  app.ready.then(() => {
    if (mounted) stop = follow(element, options, derivePageId(document, options.page, options.pageIdParam));
  }, Boolean);
  return () => {
    mounted = false;
    stop();
    app.unmount();
    root.adoptedStyleSheets = [];
  };
}

/**
 * Starts the app in `element`'s shadow root: in the theme box (`div.causette`) there, hydrating the
 * server's HTML of the thread when the box holds it (the script tag's loader put it there),
 * else drawing the thread. `ready` settles once the app is interactive.
 */
export function startThread(
  element: HTMLElement,
  options: CommentsOptions,
): { unmount: () => void; ready: Promise<void> } {
  // Ask for the thread first: the strings, the Intl formatters and the store are made while
  // it travels.
  const locale = pickLocale(options.locale);
  const api = createApi(options.server, locale);
  const root = element.shadowRoot ?? element.attachShadow({ mode: "open" });
  let box = root.querySelector<HTMLElement>("div.causette");
  const own = !box;
  if (!box) {
    box = document.createElement("div");
    root.append(box);
  }
  const server = box.querySelector(`[${THREAD_MARK}]`);
  const site = options.site || "default";
  const page = derivePageId(document, options.page, options.pageIdParam);
  const sort = (server?.getAttribute(THREAD_MARK) as CommentsOptions["sort"]) || options.sort || "oldest";
  const first = api.list({ site, page, sort });
  first.catch(() => {});
  const theme = () => {
    box.className = isDark(element, options.theme) ? "causette dark" : "causette";
  };
  theme();
  let live = true;
  let unwatch = () => {};
  let onHash = () => {};
  const ready = loadI18n(locale, options.strings).then((i18n) => {
    if (!live) return;
    const thread = createThread({
      api,
      i18n,
      site,
      page,
      sort,
      server: options.server,
      pageUrl: options.pageUrl ?? location.href.replace(/#.*/, ""),
      pageTitle: options.pageTitle ?? document.title,
      editWindow: options.editWindow ?? 900,
      anonymous: !!server,
      onFresh: (fresh) =>
        element.dispatchEvent(new CustomEvent<LiveDetail>(LIVE_EVENT, { detail: { type: "fresh", fresh } })),
    });
    const vnode = () => h(App, { thread, max: options.maxDepth ?? 3 });
    const draw = () => {
      clearTimeout(slow);
      if (live) render(vnode(), box);
    };
    // One render, with the comments, when they come soon: drawing the empty thread first
    // would only delay them. A slow server gets the loading state after SLOW ms; the
    // server's HTML stays as it is until the app takes it over.
    const slow = server ? undefined : setTimeout(draw, SLOW);
    // A permalink (#comment-<id>): load pages until that comment is there, and show it.
    onHash = () => {
      const m = /^#comment-(.+)$/.exec(location.hash);
      if (m) thread.reveal(decodeURIComponent(m[1]!));
    };
    return thread.load(sort, first).then(() => {
      if (!live) return;
      if (server) {
        hydrate(vnode(), box);
        thread.personalize();
      } else {
        draw();
        // Drawn here (no server's HTML the loader read): its passages, for the listener to mark.
        element.dispatchEvent(new CustomEvent(THREAD, { detail: Object.values(thread.tree.byId) }));
      }
      // A passage to comment on (issue #17): quoted above the root form, which takes the focus.
      const stopIntents = takeIntents(element, ({ anchor }) => thread.quote(anchor));
      // Interactive from here on (a state a site's style or a test may wait for).
      box.setAttribute("data-live", "");
      const unwatchTheme = watchTheme(theme);
      // The loader's live stream, from now on handled here (core/events.ts).
      const onLive = (e: Event) => {
        const d = (e as CustomEvent<LiveDetail>).detail;
        if (d.type === "fresh") return;
        if (d.type === "show") thread.showFresh();
        else d.fresh = thread.live(d.type, d.data);
      };
      element.addEventListener(LIVE_EVENT, onLive);
      unwatch = () => {
        unwatchTheme();
        stopIntents();
        element.removeEventListener(LIVE_EVENT, onLive);
      };
      addEventListener("hashchange", onHash);
      onHash();
    });
  });
  return {
    ready,
    unmount: () => {
      live = false;
      unwatch();
      removeEventListener("hashchange", onHash);
      render(null, box);
      if (own) box.remove();
    },
  };
}
