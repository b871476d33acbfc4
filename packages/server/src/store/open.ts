/**
 * Opens the configured database, creating and migrating it when needed.
 *
 * @example
 * const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dbPath: "./causette.db" });
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import { restoreIndexes, sqliteImporter } from "./import-sqlite.js";
import { KyselyStore } from "./kysely-store.js";
import type { Database } from "./schema.js";
import type { Store } from "./types.js";

export interface StoreOptions {
  /** PostgreSQL when set (non-empty). */
  databaseUrl?: string | null;
  /** The SQLite file otherwise. */
  dbPath?: string;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
}

export async function openStore(options: StoreOptions): Promise<KyselyStore & Store> {
  let store: KyselyStore;
  if (options.databaseUrl) {
    // Each driver is loaded only when used: a SQLite server never pays for pg, and back.
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client losing its connection must not crash the process; /healthz reports it.
    pool.on("error", () => {});
    store = new KyselyStore(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), "postgres");
  } else {
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
    store = new KyselyStore(
      new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }),
      "sqlite",
      {
        version: (site, path) => {
          version ??= sqlite.prepare<[string, string], { version: number }>(
            "SELECT version FROM pages WHERE site = ? AND path = ?",
          );
          return Number(version.get(site, path)?.version ?? 0);
        },
        importBatch: sqliteImporter(sqlite),
        finishImport: () => restoreIndexes(sqlite),
        // A connection of its own, read-only: WAL gives it a snapshot of its own, and the
        // server's connection stays free for readers and writers meanwhile.
        reader: () => {
          const conn = new SQLite(file, { readonly: true });
          conn.pragma("busy_timeout = 5000");
          return new Kysely<Database>({ dialect: new SqliteDialect({ database: conn }) });
        },
      },
    );
  }
  try {
    await store.migrate();
    // An import that stopped before its end (a crash) left indexes to rebuild.
    await store.finishImport();
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
  return store;
}
