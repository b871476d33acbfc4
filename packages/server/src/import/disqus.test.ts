import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sanitizeCommentHtml } from "../render/markdown.js";
import type { Store } from "../store/types.js";
import { commentsBySource, fixture, HAS_SHARED, importFile, shared } from "../test-utils/import-fixtures.js";
import { storeTargets, type TestStore } from "../test-utils/stores.js";
import { BUCKET_BYTES, parseDisqus } from "./disqus.js";
import { ImportReport } from "./report.js";

describe.each(storeTargets("import_disqus"))("import disqus ($label)", ({ open }) => {
  let db: TestStore;
  let store: Store;
  beforeEach(async () => {
    db = await open();
    store = db.store;
  });
  afterEach(() => db.cleanup());

  it("makes one page of threads whose URLs differ by query or fragment, and locks closed ones", async () => {
    const report = await importFile(store, "disqus", fixture("disqus.xml"));
    const { pages } = await store.exportAll("default");
    expect(pages.map((p) => [p.path, p.title, p.locked])).toEqual([
      ["/2019/03/ranger/", "Ranger sa cuisine", false],
      ["/archive/old.html", "An old, closed post", true],
    ]);
    expect(report.pagesImported).toBe(2);
  });

  it("keeps parents in any order, placeholders for deleted posts with replies, and spam hidden", async () => {
    const report = await importFile(store, "disqus", fixture("disqus.xml"));
    const c = await commentsBySource(store);
    expect([...c.keys()].sort()).toEqual(["1001", "1002", "1003", "1004", "1006", "1008"]);
    expect(c.get("1002")!.parentId).toBe(c.get("1001")!.id);
    // Posts of the newsletter thread land on the same page.
    expect(c.get("1004")!.page).toBe("/2019/03/ranger/");
    expect(c.get("1003")!.status).toBe("deleted");
    expect(c.get("1003")!.html).toBe("");
    expect(c.get("1004")!.parentId).toBe(c.get("1003")!.id);
    expect(c.get("1006")!.status).toBe("spam");
    expect(c.get("1008")!.authorName).toBe("Ancien");
    expect(Object.fromEntries(report.skipped)).toEqual({ deleted_without_replies: 1, thread_missing: 1 });
    const orphan = report.warnings.find((w) => w.message.includes("1007"))!;
    expect(orphan.message).toMatch(/thread 999 is not in the file/);
    expect(orphan.line).toBe(90);
  });

  it("sanitizes Disqus HTML: no images, no javascript: links, paragraphs kept", async () => {
    await importFile(store, "disqus", fixture("disqus.xml"));
    const html = (await commentsBySource(store)).get("1001")!.html;
    expect(html).toMatch(/^<p>Great post\.<\/p><p>Second paragraph/);
    expect(html).not.toMatch(/img|javascript|tracker/);
    // The refused link keeps its text only, no bare <a>; sanitizing again changes nothing.
    expect(html).toMatch(/\bbad</);
    expect(html).not.toContain("<a>");
    expect(sanitizeCommentHtml(html)).toBe(html);
    expect((await commentsBySource(store)).get("1002")!.html).toContain("<strong>before</strong>");
  });

  it("adds nothing when imported twice", async () => {
    await importFile(store, "disqus", fixture("disqus.xml"));
    const again = await importFile(store, "disqus", fixture("disqus.xml"));
    expect(again.commentsImported).toBe(0);
    expect(again.skipped.get("already_imported")).toBe(6);
  });

  it("says which command to use when given a WordPress file", async () => {
    await expect(importFile(store, "disqus", fixture("wordpress.xml"))).rejects.toThrow(
      /causette import wordpress/,
    );
  });

  it.skipIf(!HAS_SHARED)(
    "handles real Disqus quirks: an empty thread, an orphan post (../shared)",
    async () => {
      const report = await importFile(store, "disqus", shared("disqus-export-quirks.xml"));
      const { pages } = await store.exportAll("default");
      expect(pages.map((p) => p.path)).toEqual(["/", "/blog/2013/02/12/redacted/"]);
      expect(report.commentsImported).toBe(5);
      expect(report.skipped.get("thread_missing")).toBe(1);
      const c = await commentsBySource(store);
      expect(c.get("9")!.status).toBe("deleted");
      expect(c.get("11")!.parentId).toBe(c.get("9")!.id);
      expect(c.get("5")!.parentId).toBe(c.get("4")!.id);
    },
  );
});

it("gives the same pages and threads when posts are spread over many buckets", async () => {
  const run = async (bucketBytes: number) => {
    const dir = await mkdtemp(join(tmpdir(), "causette-disqus-"));
    const out: string[] = [];
    try {
      await parseDisqus(
        fixture("disqus.xml"),
        new ImportReport(),
        { tmpDir: dir, fileBytes: 5000, bucketBytes },
        (page) => out.push(`page ${page.path}`),
        (path, comments) => {
          for (const c of comments) out.push(`${path} ${c.sourceId} < ${c.parentSourceId} ${c.status}`);
        },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return out.sort();
  };
  const one = await run(BUCKET_BYTES);
  expect(one).toContain("/2019/03/ranger/ 1002 < 1001 approved");
  expect(await run(100)).toEqual(one);
});
