import type { Sort } from "@causette/types";

/** Options shared by the script tag (`data-*` attributes) and the npm API. */
export interface CommentsOptions {
  /** The Causette server's origin, e.g. "https://comments.example.com". */
  server: string;
  /** The site name on a server that hosts several sites. Default "default". */
  site?: string;
  /** The page id; derived from the canonical link or the location when absent. */
  page?: string;
  /**
   * Query parameters (comma-separated) that tell this site's pages apart, for sites whose
   * pages share one path (WordPress's plain permalinks: `"p"`, or `"p,page_id"`): the page id
   * is then the path with the first of them the URL holds (`/?p=123`). Ignored when `page` is given.
   */
  pageIdParam?: string;
  /** Page title and URL stored with the first comment. */
  pageTitle?: string;
  pageUrl?: string;
  /** "en", "fr", or any BCP 47 tag (falls back to English). Default: `<html lang>`. */
  locale?: string;
  /** "auto" follows the reader's system and the host's dark class; or force one. */
  theme?: "auto" | "light" | "dark";
  sort?: Sort;
  /** Nesting shown before replies stop indenting. Default 3. */
  maxDepth?: number;
  /** Seconds during which authors may edit or delete their comments (the server's
   * `CAUSETTE_EDIT_WINDOW`), to show the time left. Default 900. */
  editWindow?: number;
  /** Override any interface string by its key. */
  strings?: Record<string, string>;
  /**
   * Comments on passages of the article (docs/passages.md): `"off"` turns selection comments,
   * the passages' marks and the quote boxes' "Discuss" off. Default on.
   */
  passages?: "on" | "off";
  /**
   * A CSS selector for the article whose words readers may comment on; default: the nearest
   * `<article>` or `<main>` around the comments, else the page's `<article>`.
   */
  article?: string;
}
