/**
 * Bodies of the moderation routes that the admin page needs beyond the minimum of API.md,
 * all under `/api/admin/`. Every one answers 401 without a valid session.
 */

import type { ModerationMode } from "./env.js";
import type { AdminComment, PageInfo } from "./objects.js";

/** `GET /api/admin/session` → 200 when logged in (401 otherwise). */
export interface AdminSessionResponse {
  moderation: ModerationMode;
  /** Every site that has at least one page, for the site filter. */
  sites: string[];
  /** Comments waiting in the queue, all sites. */
  pending: number;
}

export const BULK_ACTIONS = ["approve", "spam", "delete", "restore"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** `POST /api/admin/comments/bulk` body; up to 200 ids. */
export interface AdminBulkRequest {
  ids: string[];
  action: BulkAction;
}
/** `POST /api/admin/comments/bulk` → 200: the comments as they now are (unknown ids left out). */
export interface AdminBulkResponse {
  comments: AdminComment[];
}

/** `POST /api/admin/comments/:id/reply` body: an approved answer shown with the moderator badge. */
export interface AdminReplyRequest {
  body: string;
  /** The name shown on the reply. Default "Moderator". */
  name?: string;
}

export const BAN_KINDS = ["email", "ip", "word"] as const;
/** What a block-list entry matches: an author's e-mail, a client's IP hash, or a word in the text. */
export type BanKind = (typeof BAN_KINDS)[number];

export interface Ban {
  id: string;
  kind: BanKind;
  value: string;
  /** Why the owner added it (free text), or null. */
  note: string | null;
  createdAt: string;
}
/**
 * `POST /api/admin/bans` body: either a `kind` and `value`, or a `commentId` and `kind`
 * (`email` or `ip`) to ban that comment's author; `spamAll` also marks every comment that
 * matches the new entry as spam.
 */
export interface BanRequest {
  kind: BanKind;
  value?: string;
  commentId?: string;
  note?: string;
  spamAll?: boolean;
}
/** `POST /api/admin/bans` → 201. */
export interface BanResponse {
  ban: Ban;
  /** How many comments were marked spam because of `spamAll`. */
  marked: number;
}
/** `GET /api/admin/bans` → 200. */
export interface BansResponse {
  bans: Ban[];
}

/** A page as the admin page lists it. */
export interface AdminPage extends PageInfo {
  site: string;
  /** Comments waiting in the queue on this page. */
  pending: number;
}
/** `GET /api/admin/pages?site&q` → 200. */
export interface AdminPagesResponse {
  pages: AdminPage[];
}
