/**
 * Opens the configured database, creating and migrating it when needed. Every query goes
 * through a `StorageGuard` (store/guard.ts): the database being down reaches callers as
 * `storage_unavailable`, never as a driver's error.
 *
 * @example
 * const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dbPath: "./causette.db" });
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import { StorageGuard } from "./guard.js";
import { restoreIndexes, sqliteImporter } from "./import-sqlite.js";
import { KyselyStore } from "./kysely-store.js";
import type { DatabaseTimeouts } from "./postgres-pool.js";
import type { Database } from "./schema.js";
import type { Store } from "./types.js";

export type { DatabaseTimeouts };

export interface StoreOptions {
  /** PostgreSQL when set (non-empty). */
  databaseUrl?: string | null;
  /** The SQLite file otherwise. */
  dbPath?: string;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
  /** PostgreSQL's bounds on waiting (defaults: `DATABASE_TIMEOUTS`, store/postgres-pool.ts). */
  timeouts?: Partial<DatabaseTimeouts>;
}

export async function openStore(options: StoreOptions): Promise<KyselyStore & Store> {
  const guard = new StorageGuard();
  if (options.databaseUrl) {
    const url = options.databaseUrl;
    // Each driver is loaded only when used: a SQLite server never pays for pg, and back.
    const { DATABASE_TIMEOUTS, postgresPool } = await import("./postgres-pool.js");
    const timeouts = { ...DATABASE_TIMEOUTS, ...options.timeouts };
    const open = (bounds: DatabaseTimeouts, size: number) =>
      new KyselyStore(
        new Kysely<Database>({
          dialect: guard.dialect(
            new PostgresDialect({ pool: postgresPool(url, { size, timeouts: bounds }) }),
          ),
        }),
        "postgres",
        {},
        guard,
      );
    // Migrations may build an index over a big table, or wait for another server's to end:
    // no statement timeout for them, on a connection of their own.
    await prepare(open({ ...timeouts, query: 0 }, 1), true);
    const store = open(timeouts, options.poolSize ?? 10);
    // Other servers' events (LISTEN/NOTIFY), on a connection of its own, opened on first use.
    const { PostgresEventFeed } = await import("./event-feed.js");
    store.feed = new PostgresEventFeed(url, store.events, { connectTimeout: timeouts.connect });
    return store;
  }
  const file = resolve(options.dbPath ?? "./causette.db");
  mkdirSync(dirname(file), { recursive: true });
  const { default: SQLite } = await import("better-sqlite3");
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  // The version check runs on every cached read: one prepared statement, no query builder.
  // Prepared on first use, once the migrations have created the table.
  let version: { get(site: string, path: string): { version: number } | undefined } | null = null;
  const store = new KyselyStore(
    new Kysely<Database>({ dialect: guard.dialect(new SqliteDialect({ database: sqlite })) }),
    "sqlite",
    {
      version: guard.sync((site, path) => {
        version ??= sqlite.prepare<[string, string], { version: number }>(
          "SELECT version FROM pages WHERE site = ? AND path = ?",
        );
        return Number(version.get(site, path)?.version ?? 0);
      }),
      importBatch: guard.sync(sqliteImporter(sqlite)),
      finishImport: guard.sync(() => restoreIndexes(sqlite)),
      // A connection of its own, read-only: WAL gives it a snapshot of its own, and the
      // server's connection stays free for readers and writers meanwhile.
      reader: () => {
        const conn = new SQLite(file, { readonly: true });
        conn.pragma("busy_timeout = 5000");
        return new Kysely<Database>({ dialect: guard.dialect(new SqliteDialect({ database: conn })) });
      },
    },
    guard,
  );
  await prepare(store, false);
  return store;
}

/** Migrates `store` and ends an import a crash interrupted; closes it on failure, or when done. */
async function prepare(store: KyselyStore, close: boolean): Promise<void> {
  try {
    await store.migrate();
    // An import that stopped before its end (a crash) left indexes to rebuild.
    await store.finishImport();
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
  if (close) await store.close();
}
