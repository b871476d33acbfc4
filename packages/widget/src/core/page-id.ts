/**
 * The identity of a thread on a page: `data-page-id` when the site owner gives one, else
 * the pathname of `<link rel="canonical">`, else `location.pathname`. No query, no hash,
 * a trailing `index.html` dropped, the trailing slash kept as written (DESIGN.md). A site
 * whose pages differ only by a query parameter (WordPress's plain permalinks, `/?p=123`)
 * names it (`data-page-id-param="p"`): the id is then the path with that parameter.
 */
import { pageIdQuery } from "@causette/types";

export function normalizePath(path: string): string {
  return path.replace(/[?#].*$/s, "").replace(/\/index\.html?$/i, "/") || "/";
}

/**
 * The page id of the page at `url`: its path, with a trailing `index.html` dropped, and the
 * query parameter of `param` that it holds (see `pageIdQuery`).
 */
export function urlPageId(url: URL, param = ""): string {
  // A URL's pathname holds no query or hash, and is "/" at least.
  return url.pathname.replace(/\/index\.html?$/i, "/") + pageIdQuery(url.searchParams, param);
}

/**
 * Derives the page id for `doc`, honouring an explicit id first; `param` names the query
 * parameters (comma-separated, e.g. `"p,page_id"`) that tell this site's pages apart.
 */
export function derivePageId(doc: Document, explicit?: string | null, param?: string): string {
  let url = new URL(doc.URL);
  try {
    // `href` is absolute already, or the attribute as written when it cannot be parsed.
    url = new URL(doc.querySelector<HTMLLinkElement>("link[rel=canonical]")!.href);
  } catch {
    // No canonical link, or an unparsable one: the location.
  }
  return explicit || urlPageId(url, param);
}
