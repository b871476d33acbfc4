/**
 * Versioned schema migrations, run in order by Kysely's Migrator on every start. They use
 * only the portable subset of the schema builder so one list serves SQLite and PostgreSQL.
 * Never edit a migration that has shipped: add the next one.
 */
import { type Kysely, type Migration, type MigrationProvider, PostgresAdapter } from "kysely";
import { ADMIN_MIGRATIONS } from "./admin-migrations.js";
import { CLUSTER_MIGRATIONS } from "./cluster-migrations.js";

const m001: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("meta")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("pages")
      .addColumn("site", "text", (c) => c.notNull())
      .addColumn("path", "text", (c) => c.notNull())
      .addColumn("title", "text")
      .addColumn("url", "text")
      .addColumn("locked", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("source", "text")
      .addColumn("source_id", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("pages_pk", ["site", "path"])
      .addUniqueConstraint("pages_source_uq", ["site", "source", "source_id"])
      .execute();

    await db.schema
      .createTable("comments")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("site", "text", (c) => c.notNull())
      .addColumn("page", "text", (c) => c.notNull())
      .addColumn("parent_id", "text", (c) => c.references("comments.id"))
      .addColumn("thread_id", "text", (c) => c.notNull())
      .addColumn("author_name", "text", (c) => c.notNull())
      .addColumn("author_email", "text")
      .addColumn("author_website", "text")
      .addColumn("avatar", "text", (c) => c.notNull())
      .addColumn("is_moderator", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("html", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("reasons", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("score", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("edit_token_hash", "text")
      .addColumn("ip_hash", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("edited_at", "text")
      .addColumn("source", "text")
      .addColumn("source_id", "text")
      .addForeignKeyConstraint("comments_page_fk", ["site", "page"], "pages", ["site", "path"])
      .addUniqueConstraint("comments_source_uq", ["site", "source", "source_id"])
      .execute();
    await db.schema
      .createIndex("comments_roots_ix")
      .on("comments")
      .columns(["site", "page", "parent_id", "created_at"])
      .execute();
    await db.schema.createIndex("comments_thread_ix").on("comments").columns(["thread_id"]).execute();
    await db.schema.createIndex("comments_parent_ix").on("comments").columns(["parent_id"]).execute();
    await db.schema
      .createIndex("comments_status_ix")
      .on("comments")
      .columns(["site", "status", "created_at"])
      .execute();
    await db.schema
      .createIndex("comments_email_ix")
      .on("comments")
      .columns(["site", "author_email"])
      .execute();

    await db.schema
      .createTable("votes")
      .addColumn("comment_id", "text", (c) => c.notNull().references("comments.id").onDelete("cascade"))
      .addColumn("voter", "text", (c) => c.notNull())
      .addColumn("value", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("votes_pk", ["comment_id", "voter"])
      .execute();

    await db.schema
      .createTable("share_counts")
      .addColumn("site", "text", (c) => c.notNull())
      .addColumn("page", "text", (c) => c.notNull())
      .addColumn("network", "text", (c) => c.notNull())
      .addColumn("count", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("share_counts_pk", ["site", "page", "network"])
      .execute();
  },
};

/** Comment counts per page read only that page's rows of one status. */
const m002: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex("comments_page_status_ix")
      .on("comments")
      .columns(["site", "page", "status"])
      .execute();
  },
};

/**
 * Page moves and aliases (store/page-moves.ts): `page_aliases` says which page's thread an
 * old page id is served; `page_moves` records every move, alias and merge so it can be undone.
 */
const m020: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("page_aliases")
      .addColumn("site", "text", (c) => c.notNull())
      .addColumn("path", "text", (c) => c.notNull())
      .addColumn("target", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("page_aliases_pk", ["site", "path"])
      .execute();
    // Finding the aliases of a page (a move onto it, the admin's Pages view).
    await db.schema
      .createIndex("page_aliases_target_ix")
      .on("page_aliases")
      .columns(["site", "target"])
      .execute();
    await db.schema
      .createTable("page_moves")
      .addColumn("site", "text", (c) => c.notNull())
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("target", "text", (c) => c.notNull())
      // JSON: the root ids of the threads moved, and the share counts moved, by network.
      .addColumn("threads", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("shares", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("comments", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("undone_at", "text")
      .addColumn("undone_by", "text")
      .addPrimaryKeyConstraint("page_moves_pk", ["site", "seq"])
      .execute();
  },
};

/**
 * The event log (store/journal.ts): one row per event, written in the transaction of the
 * change it tells of. The id is the cluster-wide order of events: SQLite's rowid
 * (AUTOINCREMENT, so an id is never reused after a prune), PostgreSQL's identity sequence.
 */
const m030: Migration = {
  async up(db: Kysely<unknown>) {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema
      .createTable("events")
      .addColumn("id", postgres ? "bigint" : "integer", (c) =>
        postgres ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
      )
      .addColumn("site", "text", (c) => c.notNull())
      .addColumn("page", "text", (c) => c.notNull())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("comment_id", "text")
      .addColumn("at", "text", (c) => c.notNull())
      // The whole event as JSON (small: ids, kinds and values, never a text or an address).
      .addColumn("data", "text", (c) => c.notNull())
      .execute();
    // A page's events after an id (a live stream catching up), and pruning by age.
    await db.schema.createIndex("events_page_ix").on("events").columns(["site", "page", "id"]).execute();
    await db.schema.createIndex("events_at_ix").on("events").columns(["at"]).execute();
  },
};

/**
 * Every migration by name; names sort in the order they run. Feature folders take their own
 * number range (moderation: 050–), so the Migrator allows a new name below an applied one.
 */
export const MIGRATIONS: Record<string, Migration> = {
  "001_initial": m001,
  "002_page_status_index": m002,
  ...ADMIN_MIGRATIONS,
  "020_page_moves": m020,
  "030_events": m030,
  ...CLUSTER_MIGRATIONS,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
