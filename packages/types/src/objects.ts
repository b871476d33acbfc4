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
