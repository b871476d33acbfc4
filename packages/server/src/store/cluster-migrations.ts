/**
 * The tables that make several servers one system (issue "Live threads on many servers").
 * Numbered 070–079, the range of that area. Never edit a shipped migration.
 */
import { type Kysely, type Migration, PostgresAdapter } from "kysely";

/**
 * Counters shared by every server on the database: the per-client rate limits and the
 * share clicks' once-an-hour rule (store/rate-counters.ts). One row per key and fixed
 * window; `window_start` in milliseconds since the epoch.
 */
const m070: Migration = {
  async up(db: Kysely<unknown>) {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema
      .createTable("rate_counters")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("window_start", postgres ? "bigint" : "integer", (c) => c.notNull())
      .addColumn("window_ms", "integer", (c) => c.notNull())
      .addColumn("count", "integer", (c) => c.notNull())
      .execute();
    // Sweeping windows that ended.
    await db.schema
      .createIndex("rate_counters_start_ix")
      .on("rate_counters")
      .columns(["window_start"])
      .execute();
  },
};

export const CLUSTER_MIGRATIONS: Record<string, Migration> = {
  "070_rate_counters": m070,
};
