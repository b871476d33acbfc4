/**
 * The `Store` over Kysely: one implementation for SQLite (better-sqlite3) and PostgreSQL
 * (pg). The few dialect differences (row locks) are marked where they happen.
 */
import type { ShareNetwork, VoteValue } from "@causette/types";
import { type Kysely, Migrator, sql, type Updateable } from "kysely";
import { CausetteError } from "../errors.js";
import { newSecret } from "../security/crypto.js";
import { type AdminStore, KyselyAdminStore } from "./admin-store.js";
import type { EventFeed } from "./event-feed.js";
import { recentApproved } from "./feed-store.js";
import type { StorageGuard } from "./guard.js";
import { exportAll, exportSite, importBatch } from "./import-export.js";
import { type EventLog, type Journal, journaled, KyselyEventLog } from "./journal.js";
import { migrationProvider } from "./migrations.js";
import { insertMessages, KyselyOutboxStore, type OutboxStore } from "./outbox-store.js";
import { AliasResolver, KyselyPageMoveStore, type PageMoveStore } from "./page-moves.js";
import { KyselyRateCounters, type RateCounters } from "./rate-counters.js";
import { commentRow, decodeCursor, encodeCursor, threadCursor, toComment, toPage } from "./rows.js";
import type { CommentsTable, Database } from "./schema.js";
import {
  insertSubscription,
  KyselySubscriptionStore,
  type SubscriptionStore,
  upsertAddress,
} from "./subscriptions-store.js";
import type {
  CommentInput,
  CommentPatch,
  CommentRecord,
  CreateOptions,
  ExportData,
  ExportSink,
  ImportBatch,
  ImportResult,
  PageRecord,
  Store,
  ThreadPage,
  ThreadQuery,
  VoteResult,
} from "./types.js";
import { bumpVersion } from "./versions.js";

/** Synchronous work on better-sqlite3's connection, cheaper than the query builder's. */
export interface FastPaths {
  /** The version lookup of every cached read. */
  version?: (site: string, path: string) => number;
  /** `importBatch` through prepared statements (store/import-sqlite.ts). */
  importBatch?: (batch: ImportBatch) => ImportResult;
  /** Ends an import: rebuilds the indexes it deferred. */
  finishImport?: () => void;
  /**
   * A new connection for one long read (an export), closed after it. SQLite's only
   * connection would otherwise be held by the export's transaction, and every other query
   * of the server would wait for it; PostgreSQL's pool needs none.
   */
  reader?: () => Kysely<Database>;
}

export class KyselyStore implements Store {
  #secret: Promise<string> | null = null;
  #admin: AdminStore | null = null;
  #moves: PageMoveStore | null = null;
  #events: EventLog | null = null;
  #outbox: OutboxStore | null = null;
  #subscriptions: SubscriptionStore | null = null;
  #counters: RateCounters | null = null;
  /** Every server's committed events (PostgreSQL's LISTEN/NOTIFY); null on SQLite (one process). */
  feed: EventFeed | null = null;
  readonly #aliases: AliasResolver;

  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: "sqlite" | "postgres",
    /** SQLite's synchronous paths (store/open.ts), used instead of the query builder. */
    private readonly fast: FastPaths = {},
    /** What the driver saw of the database (store/guard.ts): `ping` re-checks a full disk. */
    private readonly guard?: StorageGuard,
  ) {
    this.#aliases = new AliasResolver(db);
  }

  get admin(): AdminStore {
    this.#admin ??= new KyselyAdminStore(this.db);
    return this.#admin;
  }

  get events(): EventLog {
    this.#events ??= new KyselyEventLog(this.db);
    return this.#events;
  }

  get outbox(): OutboxStore {
    this.#outbox ??= new KyselyOutboxStore(this.db, this.dialect);
    return this.#outbox;
  }

  get subscriptions(): SubscriptionStore {
    this.#subscriptions ??= new KyselySubscriptionStore(this.db);
    return this.#subscriptions;
  }

  get counters(): RateCounters {
    this.#counters ??= new KyselyRateCounters(this.db);
    return this.#counters;
  }

  get moves(): PageMoveStore {
    this.#moves ??= new KyselyPageMoveStore(this.db, () => this.#aliases.invalidate());
    return this.#moves;
  }

  resolvePage(site: string, page: string): Promise<string> {
    return this.#aliases.resolve(site, page);
  }

  async migrate(): Promise<string[]> {
    // PostgreSQL: name the schema in use (search_path), or Kysely, which looks for its
    // bookkeeping tables in every schema, would take another schema's for ours.
    const migrationTableSchema =
      this.dialect === "postgres"
        ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(this.db)).rows[0]?.schema
        : undefined;
    const migrator = new Migrator({
      db: this.db,
      provider: migrationProvider,
      allowUnorderedMigrations: true,
      ...(migrationTableSchema ? { migrationTableSchema } : {}),
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
  }

  async ping(): Promise<void> {
    await this.db.selectFrom("meta").select("key").limit(1).execute();
    await this.guard?.recheck(this.db);
  }

  async close(): Promise<void> {
    await this.feed?.close();
    await this.db.destroy();
  }

  secret(): Promise<string> {
    this.#secret ??= (async () => {
      // Insert-if-absent then read: concurrent first starts of several servers agree.
      await this.db
        .insertInto("meta")
        .values({ key: "secret", value: newSecret() })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
      const row = await this.db
        .selectFrom("meta")
        .select("value")
        .where("key", "=", "secret")
        .executeTakeFirstOrThrow();
      return row.value;
    })().catch((err) => {
      this.#secret = null;
      throw err;
    });
    return this.#secret;
  }

  async getPage(site: string, path: string): Promise<PageRecord | null> {
    const row = await this.db
      .selectFrom("pages")
      .selectAll()
      .where("site", "=", site)
      .where("path", "=", path)
      .executeTakeFirst();
    return row ? toPage(row) : null;
  }

  async pageVersion(site: string, path: string): Promise<number> {
    if (this.fast.version) return this.fast.version(site, path);
    const row = await this.db
      .selectFrom("pages")
      .select("version")
      .where("site", "=", site)
      .where("path", "=", path)
      .executeTakeFirst();
    return row ? Number(row.version) : 0;
  }

  async setPageLocked(
    site: string,
    path: string,
    locked: boolean,
    journal?: Journal<PageRecord>,
  ): Promise<PageRecord> {
    return journaled(this.db, journal, async (trx) => {
      const row = await trx
        .insertInto("pages")
        .values({ site, path, locked: locked ? 1 : 0, version: 1, created_at: new Date().toISOString() })
        .onConflict((oc) =>
          oc.columns(["site", "path"]).doUpdateSet((eb) => ({
            locked: locked ? 1 : 0,
            version: eb("pages.version", "+", 1),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toPage(row);
    });
  }

  async createComment(input: CommentInput, options: CreateOptions = {}): Promise<CommentRecord> {
    return journaled(this.db, options.journal, async (trx) => {
      // A published comment names its page (and renames it: the latest title wins); a held one
      // only names a page that has no name yet; spam never does.
      const meta = input.status === "spam" ? null : options.pageMeta;
      const refresh = input.status === "approved";
      const page = await trx
        .insertInto("pages")
        .values({
          site: input.site,
          path: input.page,
          title: meta?.title ?? null,
          url: meta?.url ?? null,
          version: 1,
          created_at: input.createdAt,
        })
        .onConflict((oc) =>
          oc.columns(["site", "path"]).doUpdateSet((eb) => ({
            title: refresh
              ? eb.fn.coalesce(eb.ref("excluded.title"), "pages.title")
              : eb.fn.coalesce("pages.title", eb.ref("excluded.title")),
            url: refresh
              ? eb.fn.coalesce(eb.ref("excluded.url"), "pages.url")
              : eb.fn.coalesce("pages.url", eb.ref("excluded.url")),
            version: eb("pages.version", "+", 1),
          })),
        )
        .returning(["locked"])
        .executeTakeFirstOrThrow();
      if (Number(page.locked) === 1)
        throw new CausetteError("page_locked", "This page is closed to new comments.");

      let threadId = input.id;
      if (input.parentId) {
        const parent = await trx
          .selectFrom("comments")
          .select(["site", "page", "thread_id", "status"])
          .where("id", "=", input.parentId)
          .executeTakeFirst();
        if (!parent || parent.status === "spam")
          throw new CausetteError("parent_not_found", "The comment you reply to does not exist.");
        if (parent.site !== input.site || parent.page !== input.page)
          throw new CausetteError("parent_not_on_page", "The comment you reply to is on another page.");
        threadId = parent.thread_id;
        if (options.approveParent && parent.status === "pending")
          await trx
            .updateTable("comments")
            .set({ status: "approved" })
            .where("id", "=", input.parentId)
            .execute();
      }
      const row = await trx
        .insertInto("comments")
        .values(commentRow(input, input.parentId, threadId))
        .returningAll()
        .executeTakeFirstOrThrow();
      const follow = options.follow;
      if (follow && input.authorEmail && input.status !== "spam") {
        const address = await upsertAddress(trx, input.site, input.authorEmail, input.createdAt, follow.lang);
        await insertSubscription(trx, {
          addressId: address.id,
          scope: follow.scope,
          target: follow.scope === "page" ? input.page : input.id,
          site: input.site,
          page: input.page,
          createdAt: input.createdAt,
        });
        await insertMessages(trx, this.dialect, follow.messages(address), input.createdAt, null);
      }
      return toComment(row);
    });
  }

  async getComment(id: string): Promise<CommentRecord | null> {
    const row = await this.db.selectFrom("comments").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toComment(row) : null;
  }

  async updateComment(
    id: string,
    patch: CommentPatch,
    journal?: Journal<CommentRecord | null>,
  ): Promise<CommentRecord | null> {
    return journaled(this.db, journal, async (trx) => {
      const values: Updateable<CommentsTable> = {};
      if (patch.body !== undefined) values.body = patch.body;
      if (patch.html !== undefined) values.html = patch.html;
      if (patch.status !== undefined) values.status = patch.status;
      if (patch.reasons !== undefined) values.reasons = JSON.stringify(patch.reasons);
      if (patch.editedAt !== undefined) values.edited_at = patch.editedAt;
      if (patch.authorName !== undefined) values.author_name = patch.authorName;
      if (patch.isModerator !== undefined) values.is_moderator = patch.isModerator ? 1 : 0;
      const row = Object.keys(values).length
        ? await trx.updateTable("comments").set(values).where("id", "=", id).returningAll().executeTakeFirst()
        : await trx.selectFrom("comments").selectAll().where("id", "=", id).executeTakeFirst();
      if (!row) return null;
      await bumpVersion(trx, row.site, row.page);
      return toComment(row);
    });
  }

  async listThreads(query: ThreadQuery): Promise<ThreadPage> {
    const { site, page, sort, limit, statuses } = query;
    const cursor = threadCursor(sort, query.cursor);
    let roots = this.db
      .selectFrom("comments")
      .selectAll()
      .where("site", "=", site)
      .where("page", "=", page)
      .where("parent_id", "is", null)
      .where("status", "in", [...statuses]);
    let offset = 0;
    if (sort === "top") {
      offset = cursor && "o" in cursor ? cursor.o : 0;
      roots = roots.orderBy("score", "desc").orderBy("created_at", "asc").orderBy("id", "asc").offset(offset);
    } else {
      const dir = sort === "newest" ? "desc" : "asc";
      const op = sort === "newest" ? "<" : ">";
      if (cursor && "c" in cursor) {
        const { c, i } = cursor;
        roots = roots.where((eb) =>
          eb.or([eb("created_at", op, c), eb.and([eb("created_at", "=", c), eb("id", op, i)])]),
        );
      }
      roots = roots.orderBy("created_at", dir).orderBy("id", dir);
    }
    const rootRows = await roots.limit(limit + 1).execute();
    const more = rootRows.length > limit;
    const shown = more ? rootRows.slice(0, limit) : rootRows;
    const last = shown.at(-1);
    let nextCursor: string | null = null;
    if (more && last)
      nextCursor =
        sort === "top"
          ? encodeCursor({ o: offset + limit })
          : encodeCursor({ c: last.created_at, i: last.id });

    const byThread = new Map<string, CommentRecord[]>();
    if (shown.length) {
      const replies = await this.db
        .selectFrom("comments")
        .selectAll()
        .where(
          "thread_id",
          "in",
          shown.map((r) => r.id),
        )
        .where("parent_id", "is not", null)
        .where("status", "in", [...statuses])
        .orderBy("created_at", "asc")
        .orderBy("id", "asc")
        .execute();
      for (const row of replies) {
        const list = byThread.get(row.thread_id) ?? [];
        list.push(toComment(row));
        byThread.set(row.thread_id, list);
      }
    }
    const comments: CommentRecord[] = [];
    for (const root of shown) {
      comments.push(toComment(root));
      comments.push(...(byThread.get(root.id) ?? []));
    }
    return { comments, nextCursor };
  }

  /**
   * Approved comments per page, as the thread lists them: an approved reply under a held or
   * spam comment (at any depth) is not shown, so it is not counted either, until its
   * ancestor is published.
   */
  async countApproved(site: string, pages: readonly string[]): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const p of pages) counts[p] = 0;
    if (!pages.length) return counts;
    const [rows, unseen] = await Promise.all([
      this.db
        .selectFrom("comments")
        .select((eb) => ["page", eb.fn.countAll().as("n")])
        .where("site", "=", site)
        .where("page", "in", [...pages])
        .where("status", "=", "approved")
        .groupBy("page")
        .execute(),
      // Pages without a hidden comment (nearly all) cost one index probe here; the walk then
      // follows parent_id from the hidden comments only, never over the page's other rows.
      sql<{ page: string; n: number | string }>`
        WITH RECURSIVE under_hidden (id, page, status) AS (
          SELECT id, page, status FROM comments
          WHERE site = ${site} AND page IN (${sql.join([...pages])}) AND status IN ('pending', 'spam')
          UNION ALL
          SELECT c.id, c.page, c.status FROM comments c JOIN under_hidden u ON c.parent_id = u.id
        )
        SELECT page, COUNT(*) AS n FROM under_hidden WHERE status = 'approved' GROUP BY page`.execute(
        this.db,
      ),
    ]);
    for (const row of rows) counts[row.page] = Number(row.n);
    for (const row of unseen.rows) counts[row.page] = (counts[row.page] ?? 0) - Number(row.n);
    return counts;
  }

  recentApproved(site: string, page: string | null, limit: number): Promise<CommentRecord[]> {
    return recentApproved(this.db, site, page, limit);
  }

  async hasApprovedAuthor(site: string, email: string, name: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("comments")
      .select("id")
      .where("site", "=", site)
      .where("author_email", "=", email)
      .where("author_name", "=", name)
      .where("status", "=", "approved")
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async vote(
    commentId: string,
    voter: string,
    value: VoteValue,
    journal?: Journal<VoteResult>,
  ): Promise<VoteResult> {
    return journaled(this.db, journal, async (trx) => {
      let select = trx
        .selectFrom("comments")
        .select(["site", "page", "status", "score"])
        .where("id", "=", commentId);
      // PostgreSQL: lock the comment's row so concurrent votes on it apply one after the
      // other (SQLite transactions are already serialized by its single writer).
      if (this.dialect === "postgres") select = select.forUpdate();
      const comment = await select.executeTakeFirst();
      if (!comment || comment.status === "pending" || comment.status === "spam")
        throw new CausetteError("comment_not_found", "No such comment.");
      if (comment.status === "deleted")
        throw new CausetteError("comment_deleted", "This comment was deleted.");
      const previous = await trx
        .selectFrom("votes")
        .select("value")
        .where("comment_id", "=", commentId)
        .where("voter", "=", voter)
        .executeTakeFirst();
      const before = previous ? Number(previous.value) : 0;
      const delta = value - before;
      if (value === 0) {
        if (previous)
          await trx
            .deleteFrom("votes")
            .where("comment_id", "=", commentId)
            .where("voter", "=", voter)
            .execute();
      } else {
        await trx
          .insertInto("votes")
          .values({ comment_id: commentId, voter, value, created_at: new Date().toISOString() })
          .onConflict((oc) => oc.columns(["comment_id", "voter"]).doUpdateSet({ value }))
          .execute();
      }
      if (delta !== 0) {
        await trx
          .updateTable("comments")
          .set((eb) => ({ score: eb("score", "+", delta) }))
          .where("id", "=", commentId)
          .execute();
        await bumpVersion(trx, comment.site, comment.page);
      }
      return { score: Number(comment.score) + delta, myVote: value };
    });
  }

  async addShare(site: string, page: string, network: ShareNetwork): Promise<void> {
    await this.db
      .insertInto("share_counts")
      .values({ site, page, network, count: 1 })
      .onConflict((oc) =>
        oc
          .columns(["site", "page", "network"])
          .doUpdateSet((eb) => ({ count: eb("share_counts.count", "+", 1) })),
      )
      .execute();
  }

  async shareCounts(site: string, page: string): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom("share_counts")
      .select(["network", "count"])
      .where("site", "=", site)
      .where("page", "=", page)
      .orderBy("network")
      .execute();
    const out: Record<string, number> = {};
    for (const row of rows) out[row.network] = Number(row.count);
    return out;
  }

  async importBatch(batch: ImportBatch): Promise<ImportResult> {
    const fast = this.fast.importBatch;
    // Holding Kysely's one connection keeps its other queries off it while the batch runs.
    if (fast) return this.db.connection().execute(async () => fast(batch));
    return this.db.transaction().execute((trx) => importBatch(trx, batch));
  }

  async finishImport(): Promise<void> {
    const finish = this.fast.finishImport;
    if (finish) await this.db.connection().execute(async () => finish());
  }

  exportAll(site?: string): Promise<ExportData> {
    return exportAll(this.db, site);
  }

  async exportSite(site: string, each: ExportSink, chunk?: number): Promise<void> {
    const reader = this.fast.reader?.();
    try {
      await exportSite(reader ?? this.db, site, each, chunk);
    } finally {
      await reader?.destroy();
    }
  }
}
