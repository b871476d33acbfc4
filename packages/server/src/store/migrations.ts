/**
 * Versioned schema migrations, run in order by Kysely's Migrator on every start. They use
 * only the portable subset of the schema builder so one list serves SQLite and PostgreSQL.
 * Never edit a migration that has shipped: add the next one.
 */
import { type Kysely, type Migration, type MigrationProvider, PostgresAdapter, sql } from "kysely";
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
 * The outbox (store/outbox-store.ts, outbox/outbox.ts): `events.dispatched` says which events
 * the dispatcher has expanded into messages (set in the same transaction that writes them);
 * `outbox` holds each e-mail and webhook delivery until it is sent, failed for good, or
 * dropped. Events written before this migration count as dispatched: upgrading never mails
 * anyone about old comments.
 */
const m060: Migration = {
  async up(db: Kysely<unknown>) {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema
      .alterTable("events")
      .addColumn("dispatched", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`UPDATE events SET dispatched = 1`.execute(db);
    await db.schema.createIndex("events_dispatch_ix").on("events").columns(["dispatched", "id"]).execute();
    await db.schema
      .createTable("outbox")
      .addColumn("id", postgres ? "bigint" : "integer", (c) =>
        postgres ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
      )
      // Idempotency: event id + recipient + kind (or a caller's own key); a second insert is a no-op.
      .addColumn("key", "text", (c) => c.notNull().unique())
      // Which transport sends it ("email", "webhook"), and what it is ("reply", "confirm", …).
      .addColumn("channel", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("site", "text", (c) => c.notNull())
      // An e-mail address or a URL: the per-recipient rate limit counts by it.
      .addColumn("recipient", "text", (c) => c.notNull())
      // Replies to one address within a few minutes join one message (null: never grouped).
      .addColumn("group_key", "text")
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("event_id", postgres ? "bigint" : "integer")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("due_at", "text", (c) => c.notNull())
      .addColumn("locked_until", "text")
      .addColumn("last_error", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("sent_at", "text")
      .execute();
    await db.schema.createIndex("outbox_due_ix").on("outbox").columns(["status", "due_at"]).execute();
    await db.schema
      .createIndex("outbox_recipient_ix")
      .on("outbox")
      .columns(["recipient", "sent_at"])
      .execute();
    await db.schema.createIndex("outbox_group_ix").on("outbox").columns(["group_key", "status"]).execute();
  },
};

/**
 * Reply e-mails (notify/): each address asking for e-mail on a site is stored once, in
 * `mail_addresses`, with the time it confirmed (double opt-in); `subscriptions` says what it
 * follows: the replies to a comment, or every new comment of a page. Deleting an address
 * deletes its subscriptions.
 */
const m061: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("mail_addresses")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("site", "text", (c) => c.notNull())
      // Lowercased.
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("confirmed_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("mail_addresses_uq", ["site", "email"])
      .execute();
    await db.schema
      .createTable("subscriptions")
      .addColumn("address_id", "text", (c) => c.notNull().references("mail_addresses.id").onDelete("cascade"))
      // "comment": the replies to the comment `target`; "page": every new comment of the page `target`.
      .addColumn("scope", "text", (c) => c.notNull())
      .addColumn("target", "text", (c) => c.notNull())
      .addColumn("site", "text", (c) => c.notNull())
      .addColumn("page", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("subscriptions_pk", ["address_id", "scope", "target"])
      .execute();
    await db.schema
      .createIndex("subscriptions_target_ix")
      .on("subscriptions")
      .columns(["scope", "target", "site"])
      .execute();
  },
};

/**
 * The language a subscriber's e-mails and pages are in (notify/): the page's language as the
 * widget reported it with the comment that subscribed (a BCP 47 tag, lowercased), or null
 * (the server's CAUSETTE_MAIL_LANG).
 */
const m062: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("mail_addresses").addColumn("lang", "text").execute();
  },
};

/**
 * A site's latest event (the version its Atom feed is cached by: journal.ts `latestId`)
 * in one index probe.
 */
const m065: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex("events_site_ix").on("events").columns(["site", "id"]).execute();
  },
};

/**
 * Passages (issue #17): the part of the article a root comment is about, as JSON
 * (comments/anchor.ts). Nullable: every comment made before it, and every reply, has none.
 */
const m080: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("comments").addColumn("anchor", "text").execute();
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
  "060_outbox": m060,
  "061_subscriptions": m061,
  "062_mail_address_lang": m062,
  "065_events_site_index": m065,
  "080_comment_anchors": m080,
  ...CLUSTER_MIGRATIONS,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
