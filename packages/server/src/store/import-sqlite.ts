/**
 * `importBatch` on SQLite without the query builder: the same lookups, parent resolution
 * (shared with the Kysely version in import-export.ts) and writes, through prepared
 * better-sqlite3 statements in one synchronous IMMEDIATE transaction. Building and
 * compiling a Kysely query per row cost more than SQLite's own work on a large import.
 * The caller holds Kysely's connection meanwhile, so nothing else runs on it.
 */
import type BetterSqlite3 from "better-sqlite3";
import { emptyResult, type Known, resolveComments } from "./import-export.js";
import { importTime } from "./rows.js";
import { COMMENT_COLUMNS } from "./schema.js";
import type { ImportBatch, ImportResult } from "./types.js";

type Value = string | number | null;

const IMPORT_CHECKPOINT_PAGES = 20_000;
/** Page cache while a batch is written, in KiB (SQLite's `cache_size` when negative). */
const IMPORT_CACHE_KIB = 8000;

const COLUMNS = COMMENT_COLUMNS;

function statements(db: BetterSqlite3.Database) {
  const get = <R>(sql: string) => db.prepare<Value[], R>(sql);
  return {
    pageByPath: get<{ path: string }>("SELECT path FROM pages WHERE site = ? AND path = ?"),
    pageBySource: get<{ path: string }>(
      "SELECT path FROM pages WHERE site = ? AND source = ? AND source_id = ?",
    ),
    insertPage: db.prepare<Value[]>(
      `INSERT INTO pages (site, path, title, url, locked, version, source, source_id, created_at)
       VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    ),
    ensurePage: db.prepare<Value[]>(
      "INSERT INTO pages (site, path, version, created_at) VALUES (?, ?, 1, ?) ON CONFLICT (site, path) DO NOTHING",
    ),
    commentExists: get<{ id: string }>("SELECT id FROM comments WHERE id = ?"),
    commentBySource: get<{ id: string; thread_id: string; site: string; page: string }>(
      "SELECT id, thread_id, site, page FROM comments WHERE site = ? AND source = ? AND source_id = ?",
    ),
    commentById: get<{ id: string; thread_id: string; site: string; page: string }>(
      "SELECT id, thread_id, site, page FROM comments WHERE id = ?",
    ),
    // One array of values per row (better-sqlite3 binds an array positionally).
    insertComment: db.prepare<[Value[]]>(
      `INSERT INTO comments (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`,
    ),
    insertVote: db.prepare<Value[]>(
      `INSERT INTO votes (comment_id, voter, value, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (comment_id, voter) DO NOTHING`,
    ),
    upsertShare: db.prepare<Value[]>(
      `INSERT INTO share_counts (site, page, network, count) VALUES (?, ?, ?, ?)
       ON CONFLICT (site, page, network) DO UPDATE SET count = excluded.count`,
    ),
    bumpVersion: db.prepare<Value[]>("UPDATE pages SET version = version + 1 WHERE site = ? AND path = ?"),
  };
}

/** Batches of more comments than this, into an empty comments table, build the indexes at the end. */
const DEFER_FROM = 500;

/**
 * Into an empty comments table, rows go in faster without the secondary indexes (the read
 * paths', not the unique ones the import itself looks up): seven fewer B-trees to update per
 * row, rebuilt once at the end (`restoreIndexes`), which sorts instead. The dropped indexes'
 * SQL is kept in `deferred_indexes`, in the batch's own transaction, so that a crash before
 * the end loses nothing: the next open of the database rebuilds them.
 */
function deferIndexes(db: BetterSqlite3.Database): void {
  if (db.prepare("SELECT 1 FROM comments LIMIT 1").get()) return;
  db.exec("CREATE TABLE IF NOT EXISTS deferred_indexes (name TEXT PRIMARY KEY, sql TEXT NOT NULL)");
  const indexes = db
    .prepare<[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'comments'
       AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`,
    )
    .all();
  const keep = db.prepare<[string, string]>(
    "INSERT OR IGNORE INTO deferred_indexes (name, sql) VALUES (?, ?)",
  );
  for (const { name, sql } of indexes) {
    keep.run(name, sql);
    db.exec(`DROP INDEX "${name.replace(/"/g, '""')}"`);
  }
}

/**
 * Rebuilds the indexes an import deferred (see deferIndexes), in one transaction. Called at
 * the end of every import, and when the database is opened (after a crash mid-import).
 */
export function restoreIndexes(db: BetterSqlite3.Database): void {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'deferred_indexes'");
  if (!table.get()) return;
  db.transaction(() => {
    for (const { sql } of db.prepare<[], { sql: string }>("SELECT sql FROM deferred_indexes").all())
      db.exec(sql.replace(/^CREATE INDEX /i, "CREATE INDEX IF NOT EXISTS "));
    db.exec("DROP TABLE deferred_indexes");
  }).immediate();
}

/**
 * Returns `importBatch` for one better-sqlite3 connection; statements are prepared on the
 * first batch, once the migrations have made the tables.
 *
 * @example
 * const importFast = sqliteImporter(sqlite);
 * const result = importFast({ pages, comments });
 */
export function sqliteImporter(db: BetterSqlite3.Database): (batch: ImportBatch) => ImportResult {
  let s: ReturnType<typeof statements> | null = null;
  const run = (batch: ImportBatch): ImportResult => {
    if ((batch.comments?.length ?? 0) > DEFER_FROM) deferIndexes(db);
    s ??= statements(db);
    const st = s;
    const result = emptyResult();
    const now = new Date().toISOString();

    for (const page of batch.pages ?? []) {
      const exists =
        st.pageByPath.get(page.site, page.path) ??
        (page.source && page.sourceId
          ? st.pageBySource.get(page.site, page.source, page.sourceId)
          : undefined);
      if (exists) {
        result.pages.skipped++;
        continue;
      }
      st.insertPage.run(
        page.site,
        page.path,
        page.title ?? null,
        page.url ?? null,
        page.locked ? 1 : 0,
        page.source ?? null,
        page.sourceId ?? null,
        importTime(page.createdAt ?? now),
      );
      result.pages.inserted++;
    }

    const comments = batch.comments ?? [];
    const existingIds = new Set<string>();
    const bySource = new Map<string, Known>();
    const byId = new Map<string, Known>();
    const asked = new Set<string>();
    const findSource = (site: string, source: string, sourceId: string) => {
      // key(site, source, sourceId), without the array it builds: this runs twice a comment.
      const k = `${site}\u0000${source}\u0000${sourceId}`;
      if (asked.has(k)) return;
      asked.add(k);
      const r = st.commentBySource.get(site, source, sourceId);
      if (r) bySource.set(k, { id: r.id, threadId: r.thread_id, site: r.site, page: r.page });
    };
    for (const c of comments) {
      if (c.id && st.commentExists.get(c.id)) existingIds.add(c.id);
      if (c.source) {
        if (c.sourceId) findSource(c.site, c.source, c.sourceId);
        if (c.parentSourceId) findSource(c.site, c.source, c.parentSourceId);
      }
      if (c.parentId && !byId.has(c.parentId)) {
        const r = st.commentById.get(c.parentId);
        if (r) byId.set(r.id, { id: r.id, threadId: r.thread_id, site: r.site, page: r.page });
      }
    }

    const { rows, pagesUsed } = resolveComments(comments, existingIds, bySource, byId, result);
    for (const { site, page } of pagesUsed.values()) st.ensurePage.run(site, page, now);
    const values: Value[] = new Array(COLUMNS.length);
    for (const row of rows) {
      for (let i = 0; i < COLUMNS.length; i++) values[i] = (row[COLUMNS[i]!] ?? null) as Value;
      st.insertComment.run(values);
    }

    for (const vote of batch.votes ?? []) {
      const res = st.insertVote.run(
        vote.commentId,
        vote.voter,
        vote.value,
        importTime(vote.createdAt ?? now),
      );
      if (res.changes > 0) result.votes.inserted++;
      else result.votes.skipped++;
    }
    for (const share of batch.shares ?? []) {
      // Counts, not events: importing the same count twice keeps it, never doubles it.
      st.upsertShare.run(share.site, share.page, share.network, share.count);
      result.shares.inserted++;
    }
    for (const { site, page } of pagesUsed.values()) st.bumpVersion.run(site, page);
    return result;
  };
  const transaction = db.transaction(run);
  return (batch) => {
    // A batch writes more WAL pages than the default threshold (1,000), so each commit would
    // also copy the WAL back into the database and sync it. While this connection imports,
    // it checkpoints every 20,000 pages (~80 MB) instead; commits stay as durable as before.
    const threshold = db.pragma("wal_autocheckpoint", { simple: true }) as number;
    db.pragma(`wal_autocheckpoint = ${Math.max(threshold, IMPORT_CHECKPOINT_PAGES)}`);
    // A large import fills the whole page cache (16 MB by default) with index pages it will
    // rarely read again. Half of it costs some reads from the operating system's cache, and
    // keeps the importing process's memory 8 MB lower.
    const cache = db.pragma("cache_size", { simple: true }) as number;
    // Positive: pages; negative: KiB. A smaller cache set by the operator stays as it is.
    const cacheKiB =
      cache < 0 ? -cache : (cache * (db.pragma("page_size", { simple: true }) as number)) / 1024;
    if (cacheKiB > IMPORT_CACHE_KIB) db.pragma(`cache_size = ${-IMPORT_CACHE_KIB}`);
    try {
      // IMMEDIATE: take the write lock at BEGIN, so a concurrent writer waits (busy_timeout)
      // instead of failing the upgrade halfway through the batch.
      return transaction.immediate(batch);
    } finally {
      db.pragma(`wal_autocheckpoint = ${threshold}`);
      db.pragma(`cache_size = ${cache}`);
    }
  };
}
