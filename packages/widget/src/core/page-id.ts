/**
 * The identity of a thread on a page: `data-page-id` when the site owner gives one, else
 * the pathname of `<link rel="canonical">`, else `location.pathname`. No query, no hash,
 * a trailing `index.html` dropped, the trailing slash kept as written (DESIGN.md).
 */
export function normalizePath(path: string): string {
  let p = path.replace(/[?#].*$/s, "");
  p = p.replace(/\/index\.html?$/i, "/");
  return p === "" ? "/" : p;
}

/** Derives the page id for `doc`, honouring an explicit id first. */
export function derivePageId(doc: Document, explicit?: string | null): string {
  if (explicit) return explicit;
  const canonical = doc.querySelector<HTMLLinkElement>("link[rel=canonical]")?.href;
  if (canonical) {
    try {
      return normalizePath(new URL(canonical, doc.baseURI).pathname);
    } catch {
      // An unparsable canonical link falls through to the location.
    }
  }
  return normalizePath(doc.location?.pathname ?? "/");
}
