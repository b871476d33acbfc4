/** Database rows to records and back. */
import type { Sort } from "@causette/types";
import type { Insertable, Selectable } from "kysely";
import { readAnchor, storedAnchor } from "../comments/anchor.js";
import { fail } from "../errors.js";
import type { CommentsTable, PagesTable } from "./schema.js";
import type { CommentInput, CommentRecord, PageRecord, StoredStatus } from "./types.js";

export function toPage(row: Selectable<PagesTable>): PageRecord {
  return {
    site: row.site,
    path: row.path,
    title: row.title,
    url: row.url,
    locked: Number(row.locked) === 1,
    version: Number(row.version),
    source: row.source,
    sourceId: row.source_id,
    createdAt: row.created_at,
  };
}

function parseReasons(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((r): r is string => typeof r === "string") : [];
  } catch {
    return [];
  }
}

export function toComment(row: Selectable<CommentsTable>): CommentRecord {
  return {
    id: row.id,
    site: row.site,
    page: row.page,
    parentId: row.parent_id,
    threadId: row.thread_id,
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorWebsite: row.author_website,
    avatar: row.avatar,
    isModerator: Number(row.is_moderator) === 1,
    body: row.body,
    html: row.html,
    status: row.status as StoredStatus,
    reasons: parseReasons(row.reasons),
    score: Number(row.score),
    editTokenHash: row.edit_token_hash,
    ipHash: row.ip_hash,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    source: row.source,
    sourceId: row.source_id,
    anchor: readAnchor(row.anchor),
  };
}

/** Opaque cursors: base64url JSON, validated on the way back in. */
export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined): Record<string, unknown> | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Where the next page of root threads starts: after a row (by date and id), or at an offset (`top`). */
export type ThreadCursor = { c: string; i: string } | { o: number };

const STORED_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * The `nextCursor` of a `sort` listing read back, or null for the first page. Anything else
 * — junk, another sort's cursor, the same cursor spelled otherwise (base64 ignores stray
 * characters) — is 400 `invalid_field`: each spelling would otherwise be a page of its own
 * in the thread cache, and a query the cache never saves.
 *
 * @example
 * threadCursor("oldest", encodeCursor({ c: "2026-03-01T09:30:00.000Z", i: "Jm3k" })) // { c, i }
 */
export function threadCursor(sort: Sort, cursor: string | null | undefined): ThreadCursor | null {
  if (!cursor) return null;
  const value = decodeCursor(cursor);
  const keys = value ? Object.keys(value).join() : "";
  const valid =
    value !== null &&
    encodeCursor(value as Record<string, string | number>) === cursor &&
    (sort === "top"
      ? keys === "o" && Number.isSafeInteger(value.o) && (value.o as number) > 0
      : keys === "c,i" &&
        typeof value.c === "string" &&
        STORED_TIME.test(value.c) &&
        typeof value.i === "string" &&
        value.i !== "");
  if (!valid)
    throw fail("invalid_field", `cursor is not a nextCursor of this listing (sort=${sort}).`, "cursor");
  return value as ThreadCursor;
}

/** An ISO 8601 UTC string with milliseconds, the only time format stored (it sorts as text). */
export function isoTime(value: string | Date | undefined | null): string {
  if (value === undefined || value === null) return new Date().toISOString();
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? new Date().toISOString() : date.toISOString();
}

/**
 * A comment's row from its input, given its resolved parent and thread: the one mapping of
 * `CommentInput` to columns, for `createComment` and both import paths.
 */
export function commentRow(
  c: CommentInput,
  parentId: string | null,
  threadId: string,
): Insertable<CommentsTable> {
  return {
    id: c.id,
    site: c.site,
    page: c.page,
    parent_id: parentId,
    thread_id: threadId,
    author_name: c.authorName,
    author_email: c.authorEmail,
    author_website: c.authorWebsite,
    avatar: c.avatar,
    is_moderator: c.isModerator ? 1 : 0,
    body: c.body,
    html: c.html,
    status: c.status,
    reasons: JSON.stringify(c.reasons),
    score: c.score ?? 0,
    edit_token_hash: c.editTokenHash,
    ip_hash: c.ipHash,
    created_at: importTime(c.createdAt),
    edited_at: c.editedAt ? isoTime(c.editedAt) : null,
    source: c.source ?? null,
    source_id: c.sourceId ?? null,
    anchor: storedAnchor(c.anchor),
  };
}

// Callers send ISO strings already: parsing them again costs more than the insert.
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A time as stored: the given ISO string as is when it already has the stored form. */
export const importTime = (value: string | null | undefined) =>
  typeof value === "string" && ISO.test(value) ? value : isoTime(value);
