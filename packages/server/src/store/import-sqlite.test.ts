import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { importBatch } from "../comments/normalise.js";
import { openStore } from "./open.js";
import type { ImportComment } from "./types.js";

// A first large import into SQLite builds the read paths' indexes once, at the end; a crash
// before the end must not leave the database without them.

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function dbFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "causette-defer-"));
  dirs.push(dir);
  return join(dir, "c.db");
}

function indexes(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'comments' AND sql IS NOT NULL ORDER BY name",
      )
      .all()
      .map((r) => r.name);
  } finally {
    db.close();
  }
}

/** A new database's store, its file, and the indexes a new database has. */
async function newStore() {
  const file = await dbFile();
  const store = await openStore({ dbPath: file });
  return { file, store, all: indexes(file) };
}

function comments(n: number, from = 0): ImportComment[] {
  return Array.from({ length: n }, (_, i) => ({
    site: "default",
    page: `/p/${(from + i) % 7}/`,
    authorName: `Reader ${from + i}`,
    body: "Hello",
    html: "<p>Hello</p>",
    status: "approved",
    source: "wordpress",
    sourceId: String(from + i),
    createdAt: new Date(Date.UTC(2020, 0, 1, 0, 0, from + i)).toISOString(),
  }));
}

describe("deferred indexes of a first SQLite import", () => {
  it("drops them for the batches and builds them again at the end, with the same answers", async () => {
    const { file, store, all } = await newStore();
    expect(all).toContain("comments_roots_ix");
    await importBatch(store, { comments: comments(1_000) });
    expect(indexes(file)).toEqual([]);
    // A second batch: the table is not empty any more, nothing else is dropped.
    await importBatch(store, { comments: comments(1_000, 1_000) });
    await store.finishImport();
    expect(indexes(file)).toEqual(all);
    const page = await store.listThreads({
      site: "default",
      page: "/p/3/",
      sort: "oldest",
      limit: 5,
      cursor: null,
      statuses: ["approved"],
    });
    expect(page.comments.map((c) => c.authorName)).toEqual([3, 10, 17, 24, 31].map((n) => `Reader ${n}`));
    expect((await store.countApproved("default", ["/p/3/"]))["/p/3/"]).toBe(286);
    await store.close();
  });

  it("keeps them on a database that has comments already, and for small batches", async () => {
    const { file, store, all } = await newStore();
    await importBatch(store, { comments: comments(10) });
    expect(indexes(file)).toEqual(all);
    await importBatch(store, { comments: comments(1_000, 10) });
    expect(indexes(file)).toEqual(all);
    await store.close();
  });

  it("builds them when the database is opened again after an import that never ended", async () => {
    const { file, store, all } = await newStore();
    await importBatch(store, { comments: comments(1_000) });
    await store.close(); // a crash: no finishImport
    expect(indexes(file)).toEqual([]);
    const again = await openStore({ dbPath: file });
    expect(indexes(file)).toEqual(all);
    await again.close();
  });
});
