/**
 * SQLite on a disk that fills up: a 1 MB tmpfs when this process may mount one (root, as
 * in CI), else the same condition through `PRAGMA max_page_count`.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, statfs, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { json, post, type TestApp, testApp } from "../test-utils/app.js";
import type { KyselyStore } from "./kysely-store.js";
import { openStore } from "./open.js";

/** Space to give back once the disk is full: a file on the tmpfs, or pages allowed. */
interface Disk {
  dir: string;
  /** Called once the store is open: takes the room `free` gives back later. */
  reserve(store: KyselyStore): Promise<void>;
  free(store: KyselyStore): Promise<void>;
  cleanup(): Promise<void>;
}

async function smallDisk(): Promise<Disk> {
  const dir = await mkdtemp(join(tmpdir(), "causette-full-"));
  const ballast = join(dir, "ballast");
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", dir], { stdio: "pipe" });
  } catch (err) {
    console.log(`[disk full] cannot mount a tmpfs (${String(err).split("\n")[0]}): using max_page_count`);
    let pages = 0;
    return {
      dir,
      async reserve(store) {
        const rows = await sql<{ page_count: number }>`PRAGMA page_count`.execute(store.db);
        pages = Number(rows.rows[0]!.page_count) + 64;
        await sql.raw(`PRAGMA max_page_count = ${pages}`).execute(store.db);
      },
      async free(store) {
        await sql.raw(`PRAGMA max_page_count = ${pages * 4}`).execute(store.db);
      },
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  }
  return {
    dir,
    // Most of what the database has not taken yet (whatever its schema takes, which grows
    // with migrations), leaving room for a few comments and the free-space probe (128 KiB).
    async reserve(store) {
      // The migrations' pages sit in the write-ahead log until a checkpoint: fold them into
      // the database file first, so that the room left is the room comments will use.
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(store.db);
      const { bavail, bsize } = await statfs(dir);
      await writeFile(ballast, Buffer.alloc(Math.max(0, bavail * bsize - 320 * 1024)));
    },
    free: () => rm(ballast),
    async cleanup() {
      execFileSync("umount", [dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe("SQLite on a full disk", { timeout: 60_000 }, () => {
  let disk: Disk;
  let store: KyselyStore;
  let t: TestApp;
  const logged: string[] = [];

  beforeAll(async () => {
    disk = await smallDisk();
    store = await openStore({ dbPath: join(disk.dir, "causette.db") });
    await disk.reserve(store);
    t = await testApp({ moderation: "none" }, async () => ({
      store,
      another: () => Promise.reject(new Error("one store only")),
      cleanup: () => store.close(),
    }));
    vi.spyOn(console, "error").mockImplementation((line: unknown) => {
      logged.push(String(line));
    });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t?.cleanup();
    await disk?.cleanup();
  });

  it("answers 503 storage_unavailable with the cause kept, says so in /healthz and the log, and recovers once space is back", async () => {
    expect(await json(await t.call("GET", "/healthz"))).toEqual({ ok: true, database: "ok" });
    const body = "A comment long enough to fill pages. ".repeat(100);
    let full: Response | null = null;
    let written = 0;
    for (let i = 0; i < 1000 && !full; i++) {
      const res = await t.call("POST", "/api/comments", post(`/full/${i % 7}/`, { body: `${i} ${body}` }));
      if (res.status === 201) written++;
      else full = res;
    }
    expect(written).toBeGreaterThan(0);
    expect(full?.status).toBe(503);
    expect(full?.headers.get("Retry-After")).toBe("60");
    expect((await json(full!)).error).toEqual({
      code: "storage_unavailable",
      message: expect.stringContaining("disk full"),
    });
    // The driver's own error, not the failed rollback's, reaches the log.
    const line = logged.find((l) => l.includes("storage_unavailable"));
    expect(line).toContain("disk full");
    expect(line).toContain("SQLITE_FULL");
    expect(logged.join("\n")).not.toContain("cannot rollback");

    const health = await t.call("GET", "/healthz");
    expect(health.status).toBe(503);
    expect(await json(health)).toEqual({ ok: false, database: "disk full" });
    // What is written can still be read.
    const thread = await json(await t.call("GET", "/api/comments?page=/full/0/"));
    expect(thread.comments.length).toBeGreaterThan(0);

    await disk.free(store);
    expect(await json(await t.call("GET", "/healthz"))).toEqual({ ok: true, database: "ok" });
    expect((await t.call("POST", "/api/comments", post("/full/after/"))).status).toBe(201);
  });
});
