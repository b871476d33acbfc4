/** Objects on the wire. Times are ISO 8601 UTC strings; ids are opaque URL-safe strings. */

export const COMMENT_STATUSES = ["approved", "pending", "deleted"] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
export const ADMIN_COMMENT_STATUSES = [...COMMENT_STATUSES, "spam"] as const;
export type AdminCommentStatus = (typeof ADMIN_COMMENT_STATUSES)[number];

export const SORTS = ["oldest", "newest", "top"] as const;
export type Sort = (typeof SORTS)[number];

export interface Author {
  name: string;
  website: string | null;
  /** A hex hash the widget draws a picture from, or an https URL when Gravatar is on. */
  avatar: string;
  isModerator: boolean;
}

/**
 * Where in the article a comment was made: a W3C Web Annotation `TextQuoteSelector` (the
 * words, with up to 64 code points of context on each side) and, optionally, a
 * `TextPositionSelector` hint (offsets in the article's text when the comment was written).
 * The words are found again by their text, never by the offsets alone (docs/passages.md).
 */
export interface PassageAnchor {
  /** The passage itself: 1 to 1,000 code points. */
  exact: string;
  /** The text just before it (≤ 64 code points; "" at the start of the article). */
  prefix: string;
  /** The text just after it (≤ 64 code points; "" at the end of the article). */
  suffix: string;
  /** Offsets in code units of the article's text content: a hint, checked against `exact`. */
  position?: { start: number; end: number };
}

export interface Comment {
  id: string;
  parentId: string | null;
  /** The page id, e.g. "/2016/08/arreter-de-s-organiser/". */
  page: string;
  author: Author;
  /** Sanitized HTML rendered by the server; "" when deleted. */
  html: string;
  createdAt: string;
  editedAt: string | null;
  /** "pending" is only ever shown to its own author. */
  status: CommentStatus;
  /** Likes minus dislikes. */
  score: number;
  /** The passage of the article a root comment is about; absent on other comments. */
  anchor?: PassageAnchor;
}

export interface AdminComment extends Omit<Comment, "status"> {
  status: AdminCommentStatus;
  /** Only ever sent to a logged-in admin. */
  email: string | null;
  /** Why it was held or marked spam, e.g. "too_many_links". */
  reasons: string[];
  /** The raw Markdown, for editing. */
  body: string;
  site: string;
  /** The keyed hash of the client's IP address (never the address itself), for bans. */
  ipHash?: string | null;
  /** The page's URL and title as first reported by the widget, when known. */
  pageUrl?: string | null;
  pageTitle?: string | null;
  /** Whether the comment's page is locked (no new comments). */
  pageLocked?: boolean;
}

export interface PageInfo {
  id: string;
  title: string | null;
  url: string | null;
  commentCount: number;
  locked: boolean;
}

export const SHARE_NETWORKS = [
  "x",
  "bluesky",
  "mastodon",
  "threads",
  "linkedin",
  "facebook",
  "pinterest",
  "whatsapp",
  "email",
  "native",
] as const;
export type ShareNetwork = (typeof SHARE_NETWORKS)[number];

export type VoteValue = 1 | 0 | -1;
