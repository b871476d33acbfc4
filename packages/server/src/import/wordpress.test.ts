import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sanitizeCommentHtml } from "../render/markdown.js";
import type { Store } from "../store/types.js";
import { commentsBySource, fixture, HAS_SHARED, importFile, shared } from "../test-utils/import-fixtures.js";
import { storeTargets, type TestStore } from "../test-utils/stores.js";
import { importXml } from "./run.js";
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
    // Three pending in WordPress, and the comment of "Template: Password Protected", held.
    expect([...c.values()].filter((x) => x.status === "pending")).toHaveLength(4);
    expect(Object.fromEntries(report.held)).toEqual({ password_protected: 1 });
    expect(c.get("903")!.isModerator).toBe(true);
    expect(c.get("917")!.html).not.toContain("<img");
  });

  it.skipIf(!HAS_SHARED)(
    "imports the small real-world WXR, skipping a repeated comment id (../shared)",
    async () => {
      const report = await importFile(store, "wordpress", shared("wordpress-small.xml"));
      expect(report.commentsImported).toBe(7);
      expect(report.skipped.get("duplicate_in_file")).toBe(1);
      expect(report.skipped.has("already_imported")).toBe(false);
      const c = await commentsBySource(store);
      expect(c.get("10")!.html).toBe(
        "<p>When you have a comment with multiple lines:<br />\nWordPress exports it like this.</p>",
      );
    },
  );

  /** A WXR file of `blog` with one post per entry of `posts`, each with its comments' ids. */
  async function wxr(
    blog: string,
    posts: { id: number; path: string; status?: string; password?: string; comments: number[] }[],
  ): Promise<string> {
    const items = posts.map(
      (p) => `<item>
    <title>Post ${p.id}</title>
    <link>https://${blog}${p.path}</link>
    <wp:post_id>${p.id}</wp:post_id>
    <wp:status>${p.status ?? "publish"}</wp:status>
    <wp:post_type>post</wp:post_type>
    <wp:post_password>${p.password ?? ""}</wp:post_password>
    ${p.comments
      .map(
        (c) => `<wp:comment>
      <wp:comment_id>${c}</wp:comment_id>
      <wp:comment_author>Reader ${c}</wp:comment_author>
      <wp:comment_date_gmt>2021-04-0${(c % 9) + 1} 08:00:00</wp:comment_date_gmt>
      <wp:comment_content>Comment ${c} on ${blog}${p.path}</wp:comment_content>
      <wp:comment_approved>1</wp:comment_approved>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>`,
      )
      .join("\n")}
  </item>`,
    );
    const file = join(await mkdtemp(join(tmpdir(), "causette-wp-")), `${blog}.xml`);
    await writeFile(
      file,
      `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>${blog}</title>
  <link>https://${blog}</link>
  <wp:base_blog_url>https://${blog}</wp:base_blog_url>
  ${items.join("\n")}
</channel>
</rss>
`,
    );
    return file;
  }

  it("keeps the comments of two blogs whose ids are the same apart, and imports each once", async () => {
    const a = await wxr("lise.example", [{ id: 5, path: "/tomates/", comments: [1, 2] }]);
    const b = await wxr("paul.example", [{ id: 5, path: "/courges/", comments: [1, 2, 3] }]);
    expect((await importFile(store, "wordpress", a)).commentsImported).toBe(2);
    const second = await importFile(store, "wordpress", b);
    expect(second.commentsImported).toBe(3);
    expect(second.skipped.size).toBe(0);
    expect(second.pagesImported).toBe(1);
    const { comments, pages } = await store.exportAll("default");
    expect(comments.map((c) => `${c.page} ${c.sourceId}`).sort()).toEqual([
      "/courges/ paul.example#1",
      "/courges/ paul.example#2",
      "/courges/ paul.example#3",
      "/tomates/ lise.example#1",
      "/tomates/ lise.example#2",
    ]);
    expect(pages.map((p) => p.sourceId).sort()).toEqual(["lise.example#5", "paul.example#5"]);
    // Importing either again adds nothing.
    for (const [file, n] of [
      [a, 2],
      [b, 3],
    ] as const) {
      const again = await importFile(store, "wordpress", file);
      expect(again.commentsImported).toBe(0);
      expect(Object.fromEntries(again.skipped)).toEqual({ already_imported: n });
    }
    for (const file of [a, b]) await rm(dirname(file), { recursive: true, force: true });
  });

  it("reports a comment id twice in the file as a duplicate, in one batch or across batches", async () => {
    const file = await wxr("lise.example", [
      { id: 5, path: "/tomates/", comments: [1, 2, 3] },
      { id: 6, path: "/courges/", comments: [2, 4] },
      { id: 7, path: "/poireaux/", comments: [3] },
    ]);
    for (const batchSize of [2000, 2]) {
      const { store: fresh, cleanup } = await open();
      const report = await importXml("wordpress", {
        file,
        store: fresh,
        site: "default",
        sanitize: sanitizeCommentHtml,
        batchSize,
      });
      expect(report.commentsImported, `batches of ${batchSize}`).toBe(4);
      expect(Object.fromEntries(report.skipped), `batches of ${batchSize}`).toEqual({ duplicate_in_file: 2 });
      expect(report.warnings.map((w) => w.message)).toContain(
        "comment lise.example#2 appears twice in the file; the second one is skipped",
      );
      await cleanup();
    }
    await rm(dirname(file), { recursive: true, force: true });
  });

  it("holds the comments of password-protected and private posts, and says how many and why", async () => {
    const file = await wxr("lise.example", [
      { id: 5, path: "/public/", comments: [1] },
      { id: 6, path: "/secret/", password: "enter", comments: [2, 3] },
      { id: 7, path: "/mine/", status: "private", comments: [4] },
      { id: 8, path: "/draft/", status: "draft", comments: [5] },
    ]);
    const report = await importFile(store, "wordpress", file);
    expect(report.commentsImported).toBe(4);
    expect(Object.fromEntries(report.held)).toEqual({ password_protected: 2, private_post: 1 });
    expect(Object.fromEntries(report.skipped)).toEqual({ unpublished_post: 1 });
    expect(report.format("x.xml")).toMatch(
      /Held for moderation 3 \(imported as pending\):\n {2}password protected: 2\n {2}private post: 1/,
    );
    const c = await commentsBySource(store);
    expect(c.get("1")!.status).toBe("approved");
    for (const id of ["2", "3", "4"]) expect(c.get(id)!.status).toBe("pending");
    expect(c.get("2")!.reasons).toEqual(["password_protected"]);
    expect(c.get("4")!.reasons).toEqual(["private_post"]);
    // Readers see none of them.
    const shown = await store.listThreads({
      site: "default",
      page: "/secret/",
      sort: "oldest",
      limit: 50,
      cursor: null,
      statuses: ["approved", "deleted"],
    });
    expect(shown.comments).toEqual([]);
    await rm(dirname(file), { recursive: true, force: true });
  });
});
