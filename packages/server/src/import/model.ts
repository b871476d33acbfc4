/**
 * The neutral model every importer produces: pages and comments as they will be stored,
 * whatever the source format. Parsers fill it; `run.ts` writes it through the store.
 */

/** Where an imported row came from; with its source id it makes the import idempotent. */
export type ImportSource = "wordpress" | "disqus" | "causette";

/** What a comment's text is: WordPress text (HTML with plain line breaks) or HTML. */
export type BodyKind = "wordpress" | "html";

/** A comment's status as the source states it, before thread rules are applied. */
export type SourceStatus = "approved" | "pending" | "spam" | "trash" | "deleted";

/** A comment's stored status. */
export type ImportStatus = "approved" | "pending" | "spam" | "deleted";

export interface ParsedPage {
  /** The page id: the path the widget derives (no query, no hash, `index.html` dropped). */
  path: string;
  title: string | null;
  url: string | null;
  locked: boolean;
  sourceId: string;
  /** ISO 8601 UTC, or null when the source does not say. */
  createdAt: string | null;
}

/** A comment as parsed, before its parent is resolved. */
export interface ParsedComment {
  sourceId: string;
  parentSourceId: string | null;
  authorName: string;
  authorEmail: string | null;
  authorWebsite: string | null;
  isModerator: boolean;
  /** The text as the source stores it (HTML-ish for WordPress, HTML for Disqus). */
  body: string;
  /** How to turn `body` into HTML: WordPress text needs its paragraphs made explicit. */
  bodyKind: BodyKind;
  status: SourceStatus;
  createdAt: string;
  /** Why it is held for moderation, when the import holds it (e.g. "private_post"). */
  reasons?: string[];
  /** Line of the comment's opening tag in the source file, for warnings. */
  line: number;
}

/** Turns untrusted HTML into the HTML Causette serves (the server's one sanitizer). */
export type Sanitize = (html: string) => string;

/** Why something in the file was not imported. Stable names: the report prints them. */
export type SkipReason =
  | "pingback"
  | "trackback"
  | "unpublished_post"
  | "trash_without_replies"
  | "deleted_without_replies"
  | "thread_missing"
  | "page_without_link"
  | "not_a_comment"
  | "invalid_date"
  | "duplicate_in_file"
  | "too_large"
  | "already_imported"
  | "parent_not_found"
  | "parent_not_on_page"
  /** A JSON record that the API's own rules refuse (the warning says which field). */
  | "refused";

/** Why comments were imported held for moderation. Stable names: the report prints them. */
export type HoldReason = "password_protected" | "private_post";

export interface ImportWarning {
  line: number | null;
  message: string;
}
