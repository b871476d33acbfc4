/** Request and response bodies, one pair per route of API.md. */
import type { ApiError } from "./errors.js";
import type {
  AdminComment,
  AdminCommentStatus,
  Comment,
  PageInfo,
  PassageAnchor,
  ShareNetwork,
  Sort,
  VoteValue,
} from "./objects.js";

/** `GET /api/comments` query. */
export interface ListCommentsQuery {
  site?: string;
  page: string;
  sort?: Sort;
  limit?: number;
  cursor?: string;
}
/** `GET /api/comments` → 200. */
export interface ListCommentsResponse {
  page: PageInfo;
  comments: Comment[];
  nextCursor: string | null;
  /** A signed timestamp to send back as `formToken` with a new comment (fresh on every read). */
  formToken?: string;
  /**
   * True when the server can send e-mail (`CAUSETTE_SMTP_URL`): the form may then offer
   * `notify`. Absent from servers older than e-mail notifications.
   */
  mail?: boolean;
  /**
   * Where the page's live stream resumes so that nothing written after this read is missed:
   * the event log's id when the thread was read, to send as `lastEventId` to
   * `GET /api/events`. Absent from servers older than live threads.
   */
  eventId?: string;
}

/** `POST /api/comments` body. */
export interface CreateCommentRequest {
  site?: string;
  page: string;
  pageUrl?: string;
  pageTitle?: string;
  parentId?: string | null;
  author: { name: string; email?: string; website?: string };
  body: string;
  /**
   * The passage of the article the comment is about (a root comment only: a reply carrying
   * one is refused with `invalid_field`, field `anchor`). `prefix` and `suffix` may be omitted.
   */
  anchor?: Omit<PassageAnchor, "prefix" | "suffix"> & Partial<Pick<PassageAnchor, "prefix" | "suffix">>;
  /** The honeypot: filled by bots only. */
  hp?: string;
  /** The signed form timestamp the widget received when it rendered the form. */
  formToken?: string;
  /**
   * E-mail me the replies to this comment ("replies") or every new comment of the page
   * ("all"); needs `author.email` (`invalid_field` otherwise). Ignored by a server that sends
   * no e-mail (`mail` is not true in the thread). The first time, the address receives a
   * confirmation e-mail and nothing else until it confirms.
   */
  notify?: NotifyChoice | null;
  /**
   * The page's language as the widget knows it (`<html lang>` or the widget's `lang`
   * option): a BCP 47 tag such as `fr` or `en-GB`. The e-mails `notify` causes, and the
   * server's pages they link to, are in it when the server has it (en, fr), else in
   * CAUSETTE_MAIL_LANG. A tag that is not one is ignored, never refused.
   */
  lang?: string;
}

export const NOTIFY_CHOICES = ["replies", "all"] as const;
export type NotifyChoice = (typeof NOTIFY_CHOICES)[number];
/** `POST /api/comments` → 201. */
export interface CreateCommentResponse {
  comment: Comment;
  editToken: string;
}

/** `PATCH /api/comments/:id` body (with `Authorization: Bearer <editToken>`). */
export interface EditCommentRequest {
  body: string;
}
/** `PATCH` and `DELETE /api/comments/:id` → 200. */
export interface CommentResponse {
  comment: Comment;
}

/** `POST /api/comments/:id/vote` body (with `X-Causette-Voter`). */
export interface VoteRequest {
  value: VoteValue;
}
export interface VoteResponse {
  score: number;
  myVote: VoteValue;
}

/** `GET /api/counts?site&page=…&page=…` → 200. */
export interface CountsResponse {
  counts: Record<string, number>;
}

/** `GET /api/feed/page.atom` query (answers an Atom 1.0 document, not JSON). */
export interface PageFeedQuery {
  site?: string;
  page: string;
  /** Entries, newest first: default 50, at most 200. */
  limit?: number;
}
/** `GET /api/feed/site.atom` query: the site's latest comments on every page. */
export interface SiteFeedQuery {
  site?: string;
  limit?: number;
}

/** `POST /api/shares` body (JSON, or the same JSON as text/plain from sendBeacon). */
export interface ShareRequest {
  site?: string;
  page: string;
  network: ShareNetwork;
}
/** `GET /api/shares?site&page` → 200. */
export interface SharesResponse {
  total: number;
  networks: Partial<Record<ShareNetwork, number>>;
}

/**
 * `GET /api/origin` → 200: whether a page on the request's `Origin` may write (post, edit,
 * delete, vote). The server refuses a preflight from any other origin, and a refused preflight
 * is opaque to the page (a network error); this read, like every read, is open to all origins.
 */
export interface OriginResponse {
  /** The request's `Origin`; null without one (not a browser: nothing stops it). */
  origin: string | null;
  writable: boolean;
  /** Only when it may not: `origin_not_allowed`, with the setting that allows it in `message`. */
  error?: ApiError["error"];
}

/**
 * What `/healthz` says of the database: `"unavailable"` (refused, lost, cannot open),
 * `"timeout"` (did not answer within the bound), `"disk full"` (writes fail for space).
 */
export type DatabaseState = "ok" | "unavailable" | "timeout" | "disk full";

/** `GET /healthz` → 200 when `ok`, 503 otherwise. */
export interface HealthResponse {
  ok: boolean;
  database: DatabaseState;
}

/** `POST /api/admin/login` body. */
export interface AdminLoginRequest {
  password: string;
}
/** `GET /api/admin/comments` query. */
export interface AdminListQuery {
  site?: string;
  status?: AdminCommentStatus;
  page?: string;
  q?: string;
  cursor?: string;
}
export interface AdminListResponse {
  comments: AdminComment[];
  nextCursor: string | null;
}
export interface AdminCommentResponse {
  comment: AdminComment;
}
/** `PATCH /api/admin/comments/:id` body. */
export interface AdminEditRequest {
  body: string;
}
/** `POST /api/admin/pages/lock` body. */
export interface LockPageRequest {
  site?: string;
  page: string;
  locked: boolean;
}
export interface PageResponse {
  page: PageInfo;
}

/** Header names. */
export const HEADERS = {
  voter: "X-Causette-Voter",
} as const;
