import { h, render } from "preact";
import { createApi } from "../api/client.js";
import type { CommentsOptions } from "../core/options.js";
import { derivePageId } from "../core/page-id.js";
import { loadI18n, pickLocale } from "../i18n/index.js";
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
 * element itself, styled by a constructable stylesheet (nothing a strict CSP blocks).
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
  // Ask for the thread first: the stylesheet, the strings, the Intl formatters and the
  // store are made while it travels.
  const api = createApi(options.server);
  const site = options.site || "default";
  const page = derivePageId(document, options.page, options.pageIdParam);
  const sort = options.sort ?? "oldest";
  const first = api.list({ site, page, sort });
  first.catch(() => {});
  const root = element.shadowRoot ?? element.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = [sheet(css)];
  let live = true;
  let unwatch = () => {};
  let stopIntents = () => {};
  let onHash = () => {};
  loadI18n(pickLocale(options.locale), options.strings).then((i18n) => {
    if (!live) return;
    const th = createThread({
      api,
      i18n,
      site,
      page,
      sort,
      pageUrl: options.pageUrl ?? location.href.replace(/#.*/, ""),
      pageTitle: options.pageTitle ?? document.title,
      editWindow: options.editWindow ?? 900,
    });
    const draw = () => {
      clearTimeout(slow);
      if (live)
        render(h(App, { th, dark: isDark(element, options.theme), max: options.maxDepth ?? 3 }), root);
    };
    // One render, with the comments, when they come soon: drawing the empty thread first
    // would only delay them. A slow server gets the loading state after SLOW ms.
    const slow = setTimeout(draw, SLOW);
    th.load(sort, first).then(() => {
      if (!live) return;
      draw();
      element.dispatchEvent(new CustomEvent(THREAD, { detail: Object.values(th.$state.get().byId) }));
      // A passage to comment on (issue #17): quoted above the root form, which takes the focus.
      stopIntents = takeIntents(element, ({ anchor }) =>
        th.set({ passage: anchor, focus: "new-body", note: `${i18n.t("onPassage")}: ${anchor.exact}` }),
      );
      unwatch = watchTheme(draw);
      addEventListener("hashchange", onHash);
      onHash();
    });
    // A permalink (#comment-<id>): load pages until that comment is there, and show it.
    onHash = () => {
      const m = /^#comment-(.+)$/.exec(location.hash);
      if (m) th.reveal(decodeURIComponent(m[1]!));
    };
  });
  return () => {
    live = false;
    unwatch();
    stopIntents();
    removeEventListener("hashchange", onHash);
    render(null, root);
    root.adoptedStyleSheets = [];
  };
}
