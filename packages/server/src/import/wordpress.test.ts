import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store/types.js";
import { commentsBySource, fixture, HAS_SHARED, importFile, shared } from "../test-utils/import-fixtures.js";
import { storeTargets, type TestStore } from "../test-utils/stores.js";
import { ImportError } from "./xml.js";

describe.each(storeTargets("import_wordpress"))("import wordpress ($label)", ({ open }) => {
  let db: TestStore;
  let store: Store;
  beforeEach(async () => {
    db = await open();
    store = db.store;
  });
  afterEach(() => db.cleanup());

  it("imports published posts and pages as pages, with title, URL and lock", async () => {
    const report = await importFile(store, "wordpress", fixture("wordpress.xml"));
    const { pages } = await store.exportAll("default");
    expect(pages.map((p) => [p.path, p.title, p.url, p.locked])).toEqual([
      [
        "/2019/03/ranger-sa-cuisine/",
        "Ranger sa cuisine & sa tête",
        "https://carnet.example/2019/03/ranger-sa-cuisine/",
        false,
      ],
      ["/about/", "Comments closed here", "https://carnet.example/about/index.html", true],
    ]);
    expect(report.pagesImported).toBe(2);
  });

  it("keeps threads, statuses, authors and dates, and reports what it skipped", async () => {
    const report = await importFile(store, "wordpress", fixture("wordpress.xml"));
    const c = await commentsBySource(store);
    expect([...c.keys()].sort()).toEqual(["101", "102", "103", "104", "106", "107", "201"]);
    expect(report.commentsImported).toBe(7);
    expect(Object.fromEntries(report.skipped)).toEqual({
      pingback: 1,
      trackback: 1,
      trash_without_replies: 1,
      unpublished_post: 1,
    });

    // The reply came first in the file; it still hangs under its parent.
    expect(c.get("102")!.parentId).toBe(c.get("101")!.id);
    expect(c.get("102")!.threadId).toBe(c.get("101")!.id);
    // The site's author (by user id) is a moderator; a reader is not.
    expect(c.get("102")!.isModerator).toBe(true);
    expect(c.get("101")!.isModerator).toBe(false);
    // A spam comment with a visible reply becomes a deleted placeholder; the reply stays.
    expect(c.get("103")!.status).toBe("deleted");
    expect(c.get("103")!.html).toBe("");
    expect(c.get("104")!.parentId).toBe(c.get("103")!.id);
    expect(c.get("104")!.status).toBe("approved");
    expect(c.get("104")!.authorEmail).toBe("nadia@example.org");
    // Pending stays pending; a missing GMT date falls back to the local one, with a warning.
    expect(c.get("106")!.status).toBe("pending");
    expect(c.get("106")!.createdAt).toBe("2019-03-03T14:00:00.000Z");
    expect(c.get("101")!.createdAt).toBe("2019-03-02T09:00:00.000Z");
    // A reply to a comment that is not in the file becomes a root.
    expect(c.get("107")!.parentId).toBeNull();
    expect(report.warnings.map((w) => w.message).join("\n")).toMatch(/107: its parent 99 is not in the file/);
    expect(report.warnings.find((w) => w.message.includes("106"))!.line).toBeGreaterThan(1);
    expect(c.get("201")!.page).toBe("/about/");
  });

  it("cleans HTML with the comment sanitizer, keeping paragraphs, line breaks, links and emphasis", async () => {
    await importFile(store, "wordpress", fixture("wordpress.xml"));
    const paul = (await commentsBySource(store)).get("101")!;
    expect(paul.html).toBe(
      "<p>First line<br />\nsecond line</p>\n" +
        '<p>A new paragraph with <a href="https://example.org/jars" rel="nofollow ugc noopener noreferrer">a link</a> and <em>emphasis</em>.</p>',
    );
    expect(paul.html).not.toMatch(/script|onclick/);
    // A javascript: website is dropped; an http(s) one is kept.
    expect(paul.authorWebsite).toBeNull();
    expect((await commentsBySource(store)).get("102")!.authorWebsite).toBe("https://carnet.example/");
    // The raw text is kept as written, for the export.
    expect(paul.body).toContain("First line\nsecond line");
  });

  it("adds nothing when the same file is imported twice", async () => {
    await importFile(store, "wordpress", fixture("wordpress.xml"));
    const before = await store.exportAll("default");
    const again = await importFile(store, "wordpress", fixture("wordpress.xml"));
    expect(again.commentsImported).toBe(0);
    expect(again.pagesImported).toBe(0);
    expect(again.skipped.get("already_imported")).toBe(7);
    expect(await store.exportAll("default")).toEqual(before);
  });

  it("makes a reply to a skipped pingback a top-level comment, and says so", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "causette-wp-")), "reply-to-pingback.xml");
    const xml = await readFile(fixture("wordpress.xml"), "utf8");
    await writeFile(
      file,
      xml.replace("<wp:comment_parent>99</wp:comment_parent>", "<wp:comment_parent>108</wp:comment_parent>"),
    );
    const report = await importFile(store, "wordpress", file);
    expect((await commentsBySource(store)).get("107")!.parentId).toBeNull();
    expect(report.warnings.map((w) => w.message)).toContain(
      "comment 107 answers 108, which is pingback and not imported; imported as a top-level comment",
    );
    await rm(dirname(file), { recursive: true, force: true });
  });

  it("imports pingbacks and trackbacks when asked", async () => {
    const report = await importFile(store, "wordpress", fixture("wordpress.xml"), true);
    expect(report.commentsImported).toBe(9);
    expect(report.skipped.has("pingback")).toBe(false);
  });

  it("reads WXR 1.0 (no authors, older namespace)", async () => {
    const report = await importFile(store, "wordpress", fixture("wordpress-1.0.xml"));
    expect(report.commentsImported).toBe(7);
    const c = await commentsBySource(store);
    expect(c.get("102")!.isModerator).toBe(false);
  });

  it("rejects malformed XML with its line and column, and imports nothing", async () => {
    const err = await importFile(store, "wordpress", fixture("malformed.xml")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).line).toBe(116);
    expect((err as ImportError).column).toBeGreaterThan(0);
    expect((err as ImportError).message).toMatch(
      /malformed\.xml:116:\d+: malformed XML: unexpected close tag/,
    );
    const { pages, comments } = await store.exportAll();
    expect(pages).toEqual([]);
    expect(comments).toEqual([]);
  });

  it("says which command to use when given a Disqus file", async () => {
    await expect(importFile(store, "wordpress", fixture("disqus.xml"))).rejects.toThrow(
      /causette import disqus/,
    );
  });

  it.skipIf(!HAS_SHARED)("imports WordPress's theme unit test data (../shared)", async () => {
    const report = await importFile(store, "wordpress", shared("wordpress-theme-unit-test-data.xml"));
    expect(report.commentsImported).toBe(29);
    expect(report.skipped.get("pingback")).toBe(2);
    expect(report.skipped.get("trackback")).toBe(2);
    const c = await commentsBySource(store);
    // Ten levels deep, each reply under the one before.
    let depth = 1;
    for (let at = c.get("915")!; at.parentId; depth++)
      at = [...c.values()].find((x) => x.id === at.parentId)!;
    expect(depth).toBe(10);
    expect([...c.values()].filter((x) => x.status === "pending")).toHaveLength(3);
    expect(c.get("903")!.isModerator).toBe(true);
    expect(c.get("917")!.html).not.toContain("<img");
  });

  it.skipIf(!HAS_SHARED)(
    "imports the small real-world WXR, skipping a repeated comment id (../shared)",
    async () => {
      const report = await importFile(store, "wordpress", shared("wordpress-small.xml"));
      expect(report.commentsImported).toBe(7);
      expect(report.skipped.get("already_imported")).toBe(1);
      const c = await commentsBySource(store);
      expect(c.get("10")!.html).toBe(
        "<p>When you have a comment with multiple lines:<br />\nWordPress exports it like this.</p>",
      );
    },
  );
});
