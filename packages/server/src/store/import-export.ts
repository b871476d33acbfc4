/**
 * Bulk writes for importers and the JSON export. A batch is one transaction; rows whose id
 * or (site, source, source id) already exist are skipped, so importing twice adds nothing.
 */
import type { Insertable, Kysely, Transaction } from "kysely";
import { renderMarkdown } from "../render/markdown.js";
import { avatarHash, newId } from "../security/crypto.js";
import { isoTime, toComment, toPage } from "./rows.js";
import type { CommentsTable, Database } from "./schema.js";
import type { ExportData, ImportBatch, ImportComment, ImportResult } from "./types.js";

/** Rows per multi-row statement: well under both engines' parameter limits. */
const CHUNK = 400;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const key = (...parts: (string | null | undefined)[]) => parts.map((p) => p ?? "").join("\u0000");

/** A comment found in the database or earlier in the batch: what a reply needs of it. */
export interface Known {
  id: string;
  threadId: string;
  site: string;
  page: string;
}

export const emptyResult = (): ImportResult => ({
  pages: { inserted: 0, skipped: 0 },
  comments: { inserted: 0, skipped: 0 },
  votes: { inserted: 0, skipped: 0 },
  shares: { inserted: 0, skipped: 0 },
  skippedComments: [],
  idsBySourceId: new Map(),
});

// Importers send ISO strings already: parsing them again costs more than the insert.
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
export const importTime = (value: string | null | undefined) =>
  typeof value === "string" && ISO.test(value) ? value : isoTime(value);

/**
 * Turns a batch's comments into rows, parents first, given what the database already holds:
 * `existingIds` (ids taken), `bySource` (by `key(site, source, sourceId)`) and `byId`
 * (parents named by id). Both maps grow with the rows made. The same for both engines.
 */
export function resolveComments(
  secret: string,
  comments: readonly ImportComment[],
  existingIds: ReadonlySet<string>,
  bySource: Map<string, Known>,
  byId: Map<string, Known>,
  result: ImportResult,
): { rows: Insertable<CommentsTable>[]; pagesUsed: Map<string, { site: string; page: string }> } {
  // Resolve parents in as many passes as needed: a reply may come before its parent.
  const rows: Insertable<CommentsTable>[] = [];
  let pending: ImportComment[] = [];
  for (const c of comments) {
    const sourceKey = c.source && c.sourceId ? key(c.site, c.source, c.sourceId) : null;
    const known = (c.id && existingIds.has(c.id)) || (sourceKey !== null && bySource.has(sourceKey));
    if (known) {
      result.comments.skipped++;
      result.skippedComments.push({ key: c.sourceId ?? c.id ?? "", reason: "exists" });
      const found = sourceKey ? bySource.get(sourceKey) : undefined;
      if (c.sourceId && found) result.idsBySourceId.set(c.sourceId, found.id);
      continue;
    }
    pending.push(c);
  }
  const pagesUsed = new Map<string, { site: string; page: string }>();
  for (let progress = true; pending.length && progress; ) {
    progress = false;
    const later: ImportComment[] = [];
    for (const c of pending) {
      let parent: Known | undefined;
      if (c.parentId) parent = byId.get(c.parentId);
      else if (c.parentSourceId && c.source) parent = bySource.get(key(c.site, c.source, c.parentSourceId));
      const hasParent = Boolean(c.parentId || c.parentSourceId);
      if (hasParent && !parent) {
        later.push(c);
        continue;
      }
      progress = true;
      const id = c.id ?? newId();
      const threadId = parent ? parent.threadId : id;
      const email = c.authorEmail?.trim().toLowerCase() || null;
      rows.push({
        id,
        site: c.site,
        page: c.page,
        parent_id: parent ? parent.id : null,
        thread_id: threadId,
        author_name: c.authorName,
        author_email: email,
        author_website: c.authorWebsite ?? null,
        avatar: c.avatar ?? avatarHash(secret, email, c.authorName),
        is_moderator: c.isModerator ? 1 : 0,
        body: c.body,
        html: c.html ?? renderMarkdown(c.body),
        status: c.status ?? "approved",
        reasons: JSON.stringify(c.reasons ?? []),
        score: c.score ?? 0,
        edit_token_hash: null,
        ip_hash: null,
        created_at: importTime(c.createdAt),
        edited_at: c.editedAt ? isoTime(c.editedAt) : null,
        source: c.source ?? null,
        source_id: c.sourceId ?? null,
      });
      const known: Known = { id, threadId, site: c.site, page: c.page };
      byId.set(id, known);
      if (c.source && c.sourceId) bySource.set(key(c.site, c.source, c.sourceId), known);
      if (c.sourceId) result.idsBySourceId.set(c.sourceId, id);
      pagesUsed.set(key(c.site, c.page), { site: c.site, page: c.page });
    }
    pending = later;
  }
  for (const c of pending) {
    result.comments.skipped++;
    result.skippedComments.push({ key: c.sourceId ?? c.id ?? "", reason: "parent_not_found" });
  }
  result.comments.inserted = rows.length;
  return { rows, pagesUsed };
}

export async function importBatch(
  trx: Transaction<Database>,
  secret: string,
  batch: ImportBatch,
): Promise<ImportResult> {
  const result = emptyResult();
  const touched = new Set<string>();
  const now = new Date().toISOString();

  // Pages: skip those known by path or by source id.
  for (const page of batch.pages ?? []) {
    let exists = await trx
      .selectFrom("pages")
      .select("path")
      .where("site", "=", page.site)
      .where("path", "=", page.path)
      .executeTakeFirst();
    if (!exists && page.source && page.sourceId)
      exists = await trx
        .selectFrom("pages")
        .select("path")
        .where("site", "=", page.site)
        .where("source", "=", page.source)
        .where("source_id", "=", page.sourceId)
        .executeTakeFirst();
    if (exists) {
      result.pages.skipped++;
      continue;
    }
    await trx
      .insertInto("pages")
      .values({
        site: page.site,
        path: page.path,
        title: page.title ?? null,
        url: page.url ?? null,
        locked: page.locked ? 1 : 0,
        version: 1,
        source: page.source ?? null,
        source_id: page.sourceId ?? null,
        created_at: isoTime(page.createdAt ?? now),
      })
      .execute();
    result.pages.inserted++;
  }

  // Comments: find what exists already, in chunks.
  const comments = batch.comments ?? [];
  const existingIds = new Set<string>();
  for (const part of chunks(comments.filter((c) => c.id).map((c) => c.id!))) {
    const rows = await trx.selectFrom("comments").select("id").where("id", "in", part).execute();
    for (const r of rows) existingIds.add(r.id);
  }
  // Known comments by source: (site, source, sourceId) → { id, threadId, site, page }.
  const bySource = new Map<string, Known>();
  const byId = new Map<string, Known>();
  const sourceKeys = new Map<string, { site: string; source: string; ids: Set<string> }>();
  const wantIds = new Set<string>();
  for (const c of comments) {
    if (c.source) {
      const group = key(c.site, c.source);
      const entry = sourceKeys.get(group) ?? { site: c.site, source: c.source, ids: new Set<string>() };
      if (c.sourceId) entry.ids.add(c.sourceId);
      if (c.parentSourceId) entry.ids.add(c.parentSourceId);
      sourceKeys.set(group, entry);
    }
    if (c.parentId) wantIds.add(c.parentId);
  }
  for (const { site, source, ids } of sourceKeys.values()) {
    for (const part of chunks([...ids])) {
      const rows = await trx
        .selectFrom("comments")
        .select(["id", "thread_id", "site", "page", "source_id"])
        .where("site", "=", site)
        .where("source", "=", source)
        .where("source_id", "in", part)
        .execute();
      for (const r of rows)
        bySource.set(key(site, source, r.source_id), {
          id: r.id,
          threadId: r.thread_id,
          site: r.site,
          page: r.page,
        });
    }
  }
  for (const part of chunks([...wantIds])) {
    const rows = await trx
      .selectFrom("comments")
      .select(["id", "thread_id", "site", "page"])
      .where("id", "in", part)
      .execute();
    for (const r of rows) byId.set(r.id, { id: r.id, threadId: r.thread_id, site: r.site, page: r.page });
  }

  const { rows, pagesUsed } = resolveComments(secret, comments, existingIds, bySource, byId, result);
  for (const { site, page } of pagesUsed.values()) {
    await trx
      .insertInto("pages")
      .values({ site, path: page, version: 1, created_at: now })
      .onConflict((oc) => oc.columns(["site", "path"]).doNothing())
      .execute();
    touched.add(key(site, page));
  }
  // Parents first: rows are in resolution order, so each chunk only points backwards.
  for (const part of chunks(rows)) await trx.insertInto("comments").values(part).execute();

  for (const vote of batch.votes ?? []) {
    const res = await trx
      .insertInto("votes")
      .values({
        comment_id: vote.commentId,
        voter: vote.voter,
        value: vote.value,
        created_at: isoTime(vote.createdAt ?? now),
      })
      .onConflict((oc) => oc.columns(["comment_id", "voter"]).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) > 0) result.votes.inserted++;
    else result.votes.skipped++;
  }

  for (const share of batch.shares ?? []) {
    // Counts, not events: importing the same count twice keeps it, never doubles it.
    await trx
      .insertInto("share_counts")
      .values({ site: share.site, page: share.page, network: share.network, count: share.count })
      .onConflict((oc) => oc.columns(["site", "page", "network"]).doUpdateSet({ count: share.count }))
      .execute();
    result.shares.inserted++;
  }

  for (const k of touched) {
    const [site = "", page = ""] = k.split("\u0000");
    await trx
      .updateTable("pages")
      .set((eb) => ({ version: eb("version", "+", 1) }))
      .where("site", "=", site)
      .where("path", "=", page)
      .execute();
  }
  return result;
}

export async function exportAll(db: Kysely<Database>, site?: string): Promise<ExportData> {
  let pages = db.selectFrom("pages").selectAll();
  let comments = db.selectFrom("comments").selectAll();
  let votes = db
    .selectFrom("votes")
    .innerJoin("comments", "comments.id", "votes.comment_id")
    .select(["votes.comment_id", "votes.voter", "votes.value", "votes.created_at"]);
  let shares = db.selectFrom("share_counts").selectAll();
  if (site) {
    pages = pages.where("site", "=", site);
    comments = comments.where("site", "=", site);
    votes = votes.where("comments.site", "=", site);
    shares = shares.where("site", "=", site);
  }
  const [p, c, v, s] = await Promise.all([
    pages.orderBy("site").orderBy("path").execute(),
    comments.orderBy("site").orderBy("page").orderBy("created_at").orderBy("id").execute(),
    votes.orderBy("votes.comment_id").orderBy("votes.voter").execute(),
    shares.orderBy("site").orderBy("page").orderBy("network").execute(),
  ]);
  return {
    pages: p.map(toPage),
    comments: c.map(toComment),
    votes: v.map((r) => ({
      commentId: r.comment_id,
      voter: r.voter,
      value: Number(r.value),
      createdAt: r.created_at,
    })),
    shares: s.map((r) => ({ site: r.site, page: r.page, network: r.network, count: Number(r.count) })),
  };
}
