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

/** A fresh PostgreSQL schema; `name` must be unique per test file. */
export async function postgresStore(name: string): Promise<TestStore> {
  const schema = `t_${name.replace(/[^a-z0-9_]/gi, "_")}_${process.pid}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const store = await openStore({ databaseUrl: url.toString() });
  const others: Store[] = [];
  return {
    store,
    another: async () => {
      others.push(await openStore({ databaseUrl: url.toString() }));
      return others.at(-1)!;
    },
    cleanup: async () => {
      for (const other of others) await other.close();
      await store.close();
      const c = new pg.Client({ connectionString: DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
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
