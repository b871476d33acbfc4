/**
 * The thread as HTML (`GET /api/comments.html`): its address, and the attribute that marks
 * the fragment's root. The server renders it (ssr.ts), the loader shows or adopts it, and
 * the app hydrates it; all three agree through this file.
 */
import type { Sort } from "@causette/types";

/**
 * The attribute on the fragment's root `<section>` (its value: the sort it shows). A
 * comments container that already holds an element with it is adopted as it is: the
 * loader does not fetch the thread again.
 */
export const THREAD_MARK = "data-causette-thread";

export interface FragmentQuery {
  site: string;
  page: string;
  sort: Sort;
  /** The strings' language: "en" or "fr". */
  lang: string;
  /** The next page (`nextCursor` of the previous one). */
  cursor?: string | null;
}

/** "fr" for any French tag ("fr-CA"), else "en": the two languages the server renders. */
export const fragmentLang = (lang: string): "en" | "fr" => (/^fr\b/i.test(lang) ? "fr" : "en");

/** The absolute address of a page of the thread as HTML on `server`. */
export function fragmentUrl(server: string, q: FragmentQuery): string {
  const params = new URLSearchParams({
    site: q.site,
    page: q.page,
    sort: q.sort,
    lang: fragmentLang(q.lang),
  });
  if (q.cursor) params.set("cursor", q.cursor);
  return `${server.replace(/\/+$/, "")}/api/comments.html?${params}`;
}
