/**
 * Bulk writes for importers and the JSON export. A batch is one transaction; rows whose id
 * or (site, source, source id) already exist are skipped, so importing twice adds nothing.
 */
import type { Insertable, Kysely, Transaction } from "kysely";
import { commentRow, isoTime, toComment, toPage } from "./rows.js";
import type { CommentsTable, Database } from "./schema.js";
import type { CommentInput, ExportData, ExportSink, ImportBatch, ImportResult } from "./types.js";

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

/**
 * Turns a batch's comments into rows, parents first, given what the database already holds:
 * `existingIds` (ids taken), `bySource` (by `key(site, source, sourceId)`) and `byId`
 * (parents named by id). Both maps grow with the rows made. The same for both engines.
 */
export function resolveComments(
  comments: readonly CommentInput[],
  existingIds: ReadonlySet<string>,
  bySource: Map<string, Known>,
  byId: Map<string, Known>,
  result: ImportResult,
): { rows: Insertable<CommentsTable>[]; pagesUsed: Map<string, { site: string; page: string }> } {
  const rows: Insertable<CommentsTable>[] = [];
  const pending: CommentInput[] = [];
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
  // A reply may come before its parent. It waits under the name its parent will be known by
  // (its id, or its source key), and is resolved as soon as that parent is: one pass, even
  // for a chain 10,000 deep listed deepest first (a pass per level would be quadratic).
  const waiting = new Map<string, CommentInput[]>();
  /** Replies still without a parent: skipped at the end unless their parent turns up. */
  const parked = new Set<CommentInput>();
  const ready: CommentInput[] = [];
  const release = (name: string) => {
    const replies = waiting.get(name);
    if (!replies) return;
    waiting.delete(name);
    for (let i = replies.length - 1; i >= 0; i--) {
      parked.delete(replies[i]!);
      ready.push(replies[i]!);
    }
  };
  for (const first of pending) {
    ready.push(first);
    while (ready.length) {
      const c = ready.pop()!;
      let parent: Known | undefined;
      if (c.parentId) parent = byId.get(c.parentId);
      else if (c.parentSourceId && c.source) parent = bySource.get(key(c.site, c.source, c.parentSourceId));
      if ((c.parentId || c.parentSourceId) && !parent) {
        parked.add(c);
        // A parent named by source id, without a source, is never found.
        const name = c.parentId
          ? `id\u0000${c.parentId}`
          : c.source
            ? `source\u0000${key(c.site, c.source, c.parentSourceId)}`
            : null;
        if (name === null) continue;
        const list = waiting.get(name);
        if (list) list.push(c);
        else waiting.set(name, [c]);
        continue;
      }
      if (parent && (parent.site !== c.site || parent.page !== c.page)) {
        // A reply belongs to its parent's thread: one naming a comment of another page is refused.
        result.comments.skipped++;
        result.skippedComments.push({ key: c.sourceId ?? c.id, reason: "parent_not_on_page" });
        continue;
      }
      const id = c.id;
      const threadId = parent ? parent.threadId : id;
      rows.push(commentRow(c, parent ? parent.id : null, threadId));
      const known: Known = { id, threadId, site: c.site, page: c.page };
      byId.set(id, known);
      const sourceKey = c.source && c.sourceId ? key(c.site, c.source, c.sourceId) : null;
      if (sourceKey) bySource.set(sourceKey, known);
      if (waiting.size) {
        release(`id\u0000${id}`);
        if (sourceKey) release(`source\u0000${sourceKey}`);
      }
      if (c.sourceId) result.idsBySourceId.set(c.sourceId, id);
      pagesUsed.set(key(c.site, c.page), { site: c.site, page: c.page });
    }
  }
  // What still waits has no parent in the database or the batch (or only a cycle of replies).
  for (const c of pending) {
    if (!parked.has(c)) continue;
    result.comments.skipped++;
    result.skippedComments.push({ key: c.sourceId ?? c.id ?? "", reason: "parent_not_found" });
  }
  result.comments.inserted = rows.length;
  return { rows, pagesUsed };
}

export async function importBatch(trx: Transaction<Database>, batch: ImportBatch): Promise<ImportResult> {
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

  const { rows, pagesUsed } = resolveComments(comments, existingIds, bySource, byId, result);
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

/** Rows per query of an export: what it holds in memory at a time. */
const EXPORT_CHUNK = 500;

/**
 * Hands `site`'s export to `each`, section by section (pages, comments, votes, shares) in the
 * stable order the format fixes, `chunk` rows at a time, and each section at least
 * once (with no rows when it is empty). Every query walks the section's order from the last
 * row it handed out (keyset pagination), so memory holds a chunk, never the site; comments
 * are read page by page, a page's ids in order first, then their rows a chunk at a time.
 * All of it is read in one transaction, which sees one state of the
 * database however long the writing takes (a repeatable-read snapshot on PostgreSQL, a WAL
 * read snapshot on SQLite): a comment posted meanwhile is either exported with its votes
 * or not at all.
 */
export function exportSite(
  db: Kysely<Database>,
  site: string,
  each: ExportSink,
  chunk = EXPORT_CHUNK,
): Promise<void> {
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      /**
       * Walks a query in its order, `chunk` rows after the key of the last row at a time,
       * handing each chunk to `handle` (the first one even when empty).
       */
      const walk = async <R, K>(
        rowsAfter: (after: K | null) => Promise<R[]>,
        keyOf: (row: R) => K,
        handle: (rows: R[]) => Promise<void>,
      ) => {
        for (let after: K | null = null, first = true; ; first = false) {
          const rows = await rowsAfter(after);
          if (rows.length || first) await handle(rows);
          if (rows.length < chunk) return;
          after = keyOf(rows.at(-1)!);
        }
      };
      const pagesAfter = (after: string | null) =>
        trx
          .selectFrom("pages")
          .selectAll()
          .where("site", "=", site)
          .$if(after !== null, (q) => q.where("path", ">", after!))
          .orderBy("path")
          .limit(chunk)
          .execute();

      // Pages by path.
      await walk(
        pagesAfter,
        (p) => p.path,
        (rows) => each("pages", rows.map(toPage)),
      );

      // Comments by page, then date, then id, page after page. A page's ids are read in
      // that order first (one sort per page, and only ids in memory, even for a thread of
      // 100,000), then its rows a chunk of ids at a time, by primary key.
      let sent = false;
      await walk(
        pagesAfter,
        (p) => p.path,
        async (pages) => {
          for (const { path } of pages) {
            const ids = (
              await trx
                .selectFrom("comments")
                .select("id")
                .where("site", "=", site)
                .where("page", "=", path)
                .orderBy("created_at")
                .orderBy("id")
                .execute()
            ).map((r) => r.id);
            for (let i = 0; i < ids.length; i += chunk) {
              const some = ids.slice(i, i + chunk);
              const rows = await trx.selectFrom("comments").selectAll().where("id", "in", some).execute();
              const byId = new Map(rows.map((r) => [r.id, r]));
              await each(
                "comments",
                some.map((id) => toComment(byId.get(id)!)),
              );
              sent = true;
            }
          }
        },
      );
      if (!sent) await each("comments", []);

      // Votes by comment id, then voter (the votes' primary key).
      await walk(
        (after: { comment_id: string; voter: string } | null) =>
          trx
            .selectFrom("votes")
            .innerJoin("comments", "comments.id", "votes.comment_id")
            .select(["votes.comment_id", "votes.voter", "votes.value", "votes.created_at"])
            .where("comments.site", "=", site)
            .$if(after !== null, (q) =>
              q.where((eb) =>
                eb(
                  eb.refTuple("votes.comment_id", "votes.voter"),
                  ">",
                  eb.tuple(after!.comment_id, after!.voter),
                ),
              ),
            )
            .orderBy("votes.comment_id")
            .orderBy("votes.voter")
            .limit(chunk)
            .execute(),
        (v) => v,
        (rows) =>
          each(
            "votes",
            rows.map((r) => ({
              commentId: r.comment_id,
              voter: r.voter,
              value: Number(r.value),
              createdAt: r.created_at,
            })),
          ),
      );

      // Share counts by page, then network (their primary key).
      await walk(
        (after: { page: string; network: string } | null) =>
          trx
            .selectFrom("share_counts")
            .selectAll()
            .where("site", "=", site)
            .$if(after !== null, (q) =>
              q.where((eb) => eb(eb.refTuple("page", "network"), ">", eb.tuple(after!.page, after!.network))),
            )
            .orderBy("page")
            .orderBy("network")
            .limit(chunk)
            .execute(),
        (r) => r,
        (rows) =>
          each(
            "shares",
            rows.map((r) => ({ site: r.site, page: r.page, network: r.network, count: Number(r.count) })),
          ),
      );

      // Aliases by path (their primary key).
      await walk(
        (after: string | null) =>
          trx
            .selectFrom("page_aliases")
            .selectAll()
            .where("site", "=", site)
            .$if(after !== null, (q) => q.where("path", ">", after!))
            .orderBy("path")
            .limit(chunk)
            .execute(),
        (r) => r.path,
        (rows) =>
          each(
            "aliases",
            rows.map((r) => ({ path: r.path, target: r.target, createdAt: r.created_at })),
          ),
      );
    });
}

/** Everything, or one site, in memory: sites in order, each in its export's order. */
export async function exportAll(db: Kysely<Database>, site?: string): Promise<ExportData> {
  const sites =
    site !== undefined
      ? [site]
      : (await db.selectFrom("pages").select("site").distinct().orderBy("site").execute()).map((r) => r.site);
  const data: ExportData = { pages: [], comments: [], votes: [], shares: [], aliases: [] };
  for (const s of sites)
    await exportSite(db, s, async (section, rows) => {
      (data[section] as unknown[]).push(...rows);
    });
  return data;
}
