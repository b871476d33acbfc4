/**
 * @module @causette/widget/ssr
 * The thread as HTML, rendered on the server with the widget's own components (the same
 * tree the app hydrates in the browser): what `GET /api/comments.html` sends, what a site
 * may include in its pages for readers without script and for search engines.
 *
 * @example
 * import { renderThread } from "@causette/widget/ssr";
 * const html = renderThread(await (await fetch(`${server}/api/comments?page=/post/`)).json(), {
 *   lang: "en", sort: "oldest", site: "default", page: "/post/", server,
 * });
 */
import type { ListCommentsResponse, Sort } from "@causette/types";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { createApi } from "./api/client.js";
import { App } from "./comments/app.js";
import { en } from "./i18n/en.js";
import { fr, frenchSpaces } from "./i18n/fr.js";
import { createI18n } from "./i18n/index.js";
import { createThread } from "./stores/thread.js";

export { THREAD_MARK } from "./core/fragment.js";

/** A page of the thread: the JSON body of `GET /api/comments`. */
export type ThreadResponse = ListCommentsResponse;

export interface RenderOptions {
  lang: "en" | "fr";
  sort: Sort;
  site: string;
  page: string;
  /** Absolute base URL of the Causette server, for the "more comments" and sort links (e.g. https://comments.example.org). */
  server: string;
  /** Nesting shown before replies stop indenting, as the widget's `maxDepth`. Default 3. */
  maxDepth?: number;
}

/**
 * One page of a thread as an HTML fragment: a `<section data-causette-thread>` with the
 * count, sort links, the comment form, the comments as nested `<article>`s with schema.org
 * Comment microdata, and a "more comments" link when there is a next page. No script, no
 * style attribute. The comments' HTML is used as the server sanitized it (`Comment.html`);
 * every other text is escaped by the renderer.
 */
export function renderThread(thread: ThreadResponse, options: RenderOptions): string {
  const french = options.lang === "fr";
  const store = createThread({
    api: createApi(options.server),
    i18n: french ? createI18n("fr", fr, frenchSpaces) : createI18n("en", en),
    site: options.site,
    page: options.page,
    sort: options.sort,
    server: options.server,
    editWindow: 0,
    // The fragment is everyone's: no reader's votes or own comments, whatever the runtime has.
    anonymous: true,
  });
  // The form token is fresh on every read: the fragment is cached, so it carries none (the
  // app asks for its own when it loads).
  store.show({ ...thread, formToken: undefined });
  return renderToString(h(App, { thread: store, max: options.maxDepth ?? 3, eventId: thread.eventId }));
}
