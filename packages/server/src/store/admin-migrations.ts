/**
 * The moderation tables. Named 050_… so that they sort after the core migrations of
 * `migrations.ts` whatever number those reach first. Never edit a shipped migration.
 */
import type { Kysely, Migration } from "kysely";

const m050: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("admin_sessions")
      .addColumn("token_hash", "text", (c) => c.primaryKey())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("admin_login_failures")
      .addColumn("client", "text", (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("admin_login_failures_ix")
      .on("admin_login_failures")
      .columns(["client", "at"])
      .execute();
    await db.schema
      .createTable("bans")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("note", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("bans_kind_value_uq", ["kind", "value"])
      .execute();
    // The duplicate and rate rules read one client's recent comments on every POST.
    await db.schema
      .createIndex("comments_client_ix")
      .on("comments")
      .columns(["site", "ip_hash", "created_at"])
      .execute();
  },
};

/**
 * Login attempts are counted before the password is checked, one client at a time: a row per
 * client to lock (PostgreSQL has no lock on rows that do not exist yet) and a row per attempt.
 * The failures table of 050 counted only after the check, so concurrent guesses all passed.
 */
const m051: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("admin_login_clients")
      .addColumn("client", "text", (c) => c.primaryKey())
      .addColumn("at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("admin_login_attempts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("client", "text", (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("admin_login_attempts_ix")
      .on("admin_login_attempts")
      .columns(["client", "at"])
      .execute();
    await db.schema.dropTable("admin_login_failures").execute();
  },
};

/** A client's recent comments are read across sites (a new `site` is not a new budget). */
const m052: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex("comments_client_ix").execute();
    await db.schema.createIndex("comments_ip_ix").on("comments").columns(["ip_hash", "created_at"]).execute();
  },
};

export const ADMIN_MIGRATIONS: Record<string, Migration> = {
  "050_admin": m050,
  "051_admin_login_attempts": m051,
  "052_comments_by_client": m052,
};
