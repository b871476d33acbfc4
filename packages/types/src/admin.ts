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
  /** The page whose thread this one shows (after a move, merge or alias), or null. */
  aliasOf?: string | null;
  /** Comments waiting in the queue on this page. */
  pending: number;
}
/** `GET /api/admin/pages?site&q` → 200. */
export interface AdminPagesResponse {
  pages: AdminPage[];
}

export const PAGE_MOVE_KINDS = ["move", "alias", "merge"] as const;
/**
 * `move`: the page's comments now live under `to`, and `from` becomes an alias of it.
 * `alias`: requests for `from` are served `to`'s thread (nothing moves).
 * `merge`: `from`'s comments join `to`'s thread, and `from` becomes an alias of it.
 */
export type PageMoveKind = (typeof PAGE_MOVE_KINDS)[number];

/** One recorded move, alias or merge of a page, undone or not. */
export interface PageMove {
  /** 1, 2, 3… per site, in the order they were done. */
  id: number;
  site: string;
  kind: PageMoveKind;
  from: string;
  to: string;
  /** Comments the operation moved (0 for an alias). */
  comments: number;
  /** Who did it: `"admin"` (the admin page or API) or `"cli"` (`causette pages`). */
  by: string;
  createdAt: string;
  /** When it was undone, and by whom; null while it holds. */
  undoneAt: string | null;
  undoneBy: string | null;
}

/** `POST /api/admin/pages/move` body (also `/alias` and `/merge`): `from` is served `to`'s thread. */
export interface PageMoveRequest {
  site?: string;
  from: string;
  to: string;
}
/** `POST /api/admin/pages/move|alias|merge|undo` → 200: the operation as recorded. */
export interface PageMoveResponse {
  move: PageMove;
}
/** `POST /api/admin/pages/undo` body: the operation to undo (default: the site's latest). */
export interface PageUndoRequest {
  site?: string;
  id?: number;
}
/** `GET /api/admin/pages/moves?site` → 200: the site's operations, newest first (up to 200). */
export interface PageMovesResponse {
  moves: PageMove[];
}

/**
 * An outgoing e-mail or webhook delivery as the admin lists it (`GET /api/admin/deliveries`):
 * queued (waiting, first attempt to come), retrying (failed, due again at `dueAt`), sent,
 * dead (failed `attempts` times: given up) or dropped (no longer wanted when it was due).
 */
export const DELIVERY_STATUSES = ["queued", "retrying", "sent", "dead", "dropped"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface AdminDelivery {
  id: number;
  /** "email" or "webhook". */
  channel: string;
  /** An e-mail's kind ("reply", "confirm", "owner", …) or the webhook's event type ("comment.created", …). */
  kind: string;
  site: string;
  /** The e-mail address or the webhook URL. */
  recipient: string;
  status: DeliveryStatus;
  attempts: number;
  /** When it is (or was) due. */
  dueAt: string;
  /** Why the last attempt failed, or why it was dropped; null once sent. */
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

/** `GET /api/admin/deliveries?status&channel&before&limit` → 200, newest first. */
export interface AdminDeliveriesResponse {
  deliveries: AdminDelivery[];
  /** Every delivery by status (the whole outbox, whatever the filter). */
  counts: Record<DeliveryStatus, number>;
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: number | null;
}

/** `POST /api/admin/deliveries/:id/retry` → 200: the delivery, due again now with its attempts reset. */
export interface AdminDeliveryResponse {
  delivery: AdminDelivery;
}
