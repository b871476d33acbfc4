/**
 * Real databases for tests: SQLite in a temporary file, and PostgreSQL in a schema of its
 * own (so test files running in parallel never meet) when DATABASE_URL is set.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openStore } from "../store/open.js";
import type { Store } from "../store/types.js";

export interface TestStore {
  store: Store;
  cleanup: () => Promise<void>;
  /** A second store on the same database (its own connection), closed by `cleanup`. */
  another: () => Promise<Store>;
}

export async function sqliteStore(): Promise<TestStore> {
  const dir = await mkdtemp(join(tmpdir(), "causette-test-"));
  const dbPath = join(dir, "test.db");
  const store = await openStore({ dbPath });
  const others: Store[] = [];
  return {
    store,
    another: async () => {
      others.push(await openStore({ dbPath }));
      return others.at(-1)!;
    },
    cleanup: async () => {
      for (const other of others) await other.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const DATABASE_URL = process.env.DATABASE_URL || "";

/**
 * A fresh PostgreSQL schema, and a database URL whose connections use it (for a store, or a
 * process such as the CLI); `drop` removes it. `name` must be unique per test file.
 */
export async function postgresSchema(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `t_${name.replace(/[^a-z0-9_]/gi, "_")}_${process.pid}`;
  const query = async (sql: string) => {
    const c = new pg.Client({ connectionString: DATABASE_URL });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const url = new URL(DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

/** A store in a fresh PostgreSQL schema; `name` must be unique per test file. */
export async function postgresStore(name: string): Promise<TestStore> {
  const { url, drop } = await postgresSchema(name);
  const store = await openStore({ databaseUrl: url });
  const others: Store[] = [];
  return {
    store,
    another: async () => {
      others.push(await openStore({ databaseUrl: url }));
      return others.at(-1)!;
    },
    cleanup: async () => {
      for (const other of others) await other.close();
      await store.close();
      await drop();
    },
  };
}

/** The databases a suite runs on: SQLite always, PostgreSQL when DATABASE_URL is set. */
export function storeTargets(name: string): { label: string; open: () => Promise<TestStore> }[] {
  const targets = [{ label: "sqlite", open: sqliteStore }];
  if (DATABASE_URL) targets.push({ label: "postgres", open: () => postgresStore(name) });
  else console.log(`[${name}] DATABASE_URL is not set: skipping the PostgreSQL run`);
  return targets;
}
