import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importBatch } from "../comments/normalise.js";
import type { Store } from "../store/types.js";
import { newComment } from "../test-utils/comments.js";
import { exportText } from "../test-utils/import-fixtures.js";
import { storeTargets, type TestStore } from "../test-utils/stores.js";

describe.each(storeTargets("export_json"))("causette export, streamed ($label)", ({ open }) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await open();
  });
  afterEach(() => t.cleanup());

  const comment = (id: string, page: string, createdAt: string, parentId: string | null = null) =>
    newComment({
      id,
      page,
      createdAt,
      parentId,
      authorName: `Author ${id}`,
      body: `Body ${id}`,
      html: `<p>Body ${id}</p>`,
    });

  /**
   * Seven pages (two without comments), 15 comments (five on one page, three of them at the
   * same instant, so only the id orders them), votes on five comments, shares on four pages:
   * with chunks of 2 or 3 rows, every section spans several queries and a page's comments
   * span several chunks.
   */
  async function populate(store: Store) {
    await importBatch(store, {
      pages: ["/a/", "/z/"].map((path) => ({ site: "default", path, createdAt: "2020-01-01T00:00:00.000Z" })),
    });
    const at = (n: number) => `2021-01-0${n}T00:00:00.000Z`;
    const ids = ["m1", "c3", "q2", "a9", "k4"];
    for (const [i, id] of ids.entries())
      await store.createComment(comment(id, "/busy/", i < 3 ? at(5) : at(i), i === 4 ? "a9" : null));
    for (const page of ["/b/", "/c/", "/d/", "/e/", "/f/"]) {
      await store.createComment(comment(`${page.slice(1, 2)}1`, page, at(2)));
      await store.createComment(comment(`${page.slice(1, 2)}2`, page, at(1)));
    }
    for (const [id, voter] of [
      ["m1", "v1"],
      ["m1", "v2"],
      ["c3", "v1"],
      ["b1", "v3"],
      ["f2", "v1"],
    ] as const)
      await store.vote(id, voter, 1);
    for (const page of ["/b/", "/busy/", "/c/", "/f/"]) {
      await store.addShare("default", page, "x");
      await store.addShare("default", page, "bluesky");
    }
  }

  it("writes the same bytes whatever the chunk size, in the format's order", async () => {
    await populate(t.store);
    const whole = await exportText(t.store, "default", 10_000);
    expect(await exportText(t.store, "default", 2)).toBe(whole);
    expect(await exportText(t.store, "default", 3)).toBe(whole);
    expect(await exportText(t.store)).toBe(whole);

    // One record per line; every row once, in order.
    const lines = whole.split("\n");
    expect(lines.slice(0, 2)).toEqual(['{"format":"causette","version":1,"site":"default",', '"pages":[']);
    const data = JSON.parse(whole);
    expect(data.pages.map((p: { path: string }) => p.path)).toEqual([
      "/a/",
      "/b/",
      "/busy/",
      "/c/",
      "/d/",
      "/e/",
      "/f/",
      "/z/",
    ]);
    // Page by page, then by date, then by id (/busy/'s last three share one instant).
    expect(data.comments.map((c: { id: string }) => c.id)).toEqual([
      "b2",
      "b1",
      "a9",
      "k4",
      "c3",
      "m1",
      "q2",
      "c2",
      "c1",
      "d2",
      "d1",
      "e2",
      "e1",
      "f2",
      "f1",
    ]);
    expect(data.votes.map((v: { commentId: string; voter: string }) => `${v.commentId}/${v.voter}`)).toEqual([
      "b1/v3",
      "c3/v1",
      "f2/v1",
      "m1/v1",
      "m1/v2",
    ]);
    expect(data.shares.map((s: { page: string; network: string }) => `${s.page} ${s.network}`)).toEqual([
      "/b/ bluesky",
      "/b/ x",
      "/busy/ bluesky",
      "/busy/ x",
      "/c/ bluesky",
      "/c/ x",
      "/f/ bluesky",
      "/f/ x",
    ]);
    expect(lines.filter((l) => l.startsWith("{")).length).toBe(1 + 8 + 15 + 5 + 8);
  });

  it("writes every section of a site with nothing in it", async () => {
    expect(await exportText(t.store, "empty", 2)).toBe(
      '{"format":"causette","version":1,"site":"empty",\n"pages":[\n],\n"comments":[\n],\n"votes":[\n],\n"shares":[\n]}\n',
    );
  });

  it("leaves the store free meanwhile: the server's own writes go on during an export", async () => {
    await populate(t.store);
    let wrote: unknown = null;
    await t.store.exportSite(
      "default",
      async (section) => {
        if (section !== "pages" || wrote) return;
        // On SQLite the export reads through a connection of its own: were it the store's
        // only connection, this write would wait for the export, which waits for it.
        wrote = await Promise.race([
          t.store.createComment(comment("during", "/b/", "2022-01-01T00:00:00.000Z")).then(() => "written"),
          new Promise((resolve) => setTimeout(() => resolve("stuck"), 3000)),
        ]);
      },
      2,
    );
    expect(wrote).toBe("written");
  });

  it("reads one state of the database: what is written during the export is not in it", async () => {
    await populate(t.store);
    const other = await t.another();
    let wrote = false;
    const seen: string[] = [];
    const pages: string[] = [];
    await t.store.exportSite(
      "default",
      async (section, rows) => {
        if (section === "pages") pages.push(...(rows as { path: string }[]).map((r) => r.path));
        if (section === "comments") seen.push(...(rows as { id: string }[]).map((r) => r.id));
        if (section === "pages" && !wrote) {
          // Another connection writes a comment and a vote while the pages are being written.
          wrote = true;
          await other.createComment(comment("late", "/zz-late/", "2022-01-01T00:00:00.000Z"));
          await other.vote("late", "v9", 1);
          await other.vote("m1", "v9", -1);
        }
        if (section === "votes")
          expect((rows as { voter: string }[]).map((r) => r.voter)).not.toContain("v9");
      },
      2,
    );
    expect(wrote).toBe(true);
    expect(pages).toHaveLength(8);
    expect(seen).toHaveLength(15);
    expect(seen).not.toContain("late");
    // The next export sees it.
    expect(JSON.parse(await exportText(t.store)).comments).toHaveLength(16);
  });
});
