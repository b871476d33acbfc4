import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importBatch } from "../comments/normalise.js";
import { sanitizeCommentHtml } from "../render/markdown.js";
import type { ImportBatch, ImportComment, Store } from "../store/types.js";
import { exportText, fixture, importFile } from "../test-utils/import-fixtures.js";
import { storeTargets, type TestStore } from "../test-utils/stores.js";
import { importJson } from "./json.js";
import { wpautop } from "./wpautop.js";
import { ImportError } from "./xml.js";

describe.each(storeTargets("import_json"))("export and import json ($label)", ({ open }) => {
  let a: TestStore;
  let b: TestStore | null = null;
  let dir: string;
  beforeEach(async () => {
    a = await open();
    dir = await mkdtemp(join(tmpdir(), "causette-json-"));
  });
  afterEach(async () => {
    await a.cleanup();
    await b?.cleanup();
    b = null;
    await rm(dir, { recursive: true, force: true });
  });

  /** A store with imported and native comments, a vote, a share count, an edit. */
  async function populate(store: Store) {
    await importFile(store, "wordpress", fixture("wordpress.xml"));
    await importFile(store, "disqus", fixture("disqus.xml"));
    const created = await store.createComment({
      id: "nativeComment1",
      site: "default",
      page: "/2019/03/ranger-sa-cuisine/",
      parentId: null,
      authorName: "Zoé",
      authorEmail: "zoe@example.org",
      authorWebsite: null,
      avatar: "0123456789abcdef0123456789abcdef",
      body: "**Bravo** et *merci*",
      html: "<p><strong>Bravo</strong> et <em>merci</em></p>",
      status: "approved",
      isModerator: false,
      reasons: [],
      editTokenHash: "x",
      ipHash: "y",
      createdAt: "2024-05-01T10:00:00.000Z",
    });
    await store.vote(created.id, "voter-hash-1", 1);
    await store.addShare("default", "/2019/03/ranger-sa-cuisine/", "x");
    await store.addShare("default", "/2019/03/ranger-sa-cuisine/", "x");
    await store.addShare("default", "/about/", "mastodon");
  }

  it("round-trips exactly: export → fresh database → import → export gives the same bytes", async () => {
    await populate(a.store);
    const first = await exportText(a.store);
    expect(first.split("\n")[0]).toBe('{"format":"causette","version":1,"site":"default",');
    const parsed = JSON.parse(first);
    expect(parsed.comments.length).toBe(14);
    expect(parsed.votes).toHaveLength(1);
    expect(parsed.shares).toEqual([
      { page: "/2019/03/ranger-sa-cuisine/", network: "x", count: 2 },
      { page: "/about/", network: "mastodon", count: 1 },
    ]);
    const file = join(dir, "export.json");
    await writeFile(file, first);

    b = await open();
    const report = await importJson({ file, store: b.store, site: null, sanitize: sanitizeCommentHtml });
    expect(report.commentsImported).toBe(14);
    expect(report.votesImported).toBe(1);
    expect(await exportText(b.store)).toBe(first);

    // Importing it again adds nothing.
    const again = await importJson({ file, store: b.store, site: null, sanitize: sanitizeCommentHtml });
    expect(again.commentsImported).toBe(0);
    expect(again.skipped.get("already_imported")).toBe(14);
    expect(await exportText(b.store)).toBe(first);
  });

  it("also reads an export that was reformatted (jq, an editor)", async () => {
    await populate(a.store);
    const text = await exportText(a.store);
    const file = join(dir, "pretty.json");
    await writeFile(file, JSON.stringify(JSON.parse(text), null, 2));
    b = await open();
    await importJson({ file, store: b.store, site: null, sanitize: sanitizeCommentHtml });
    expect(await exportText(b.store)).toBe(text);
  });

  it("checks the whole file first: a bad record → its line, and nothing imported", async () => {
    await populate(a.store);
    const lines = (await exportText(a.store)).split("\n");
    const at = lines.findIndex((l) => l.includes('"sourceId":"1008"'));
    lines[at] = lines[at]!.replace('"status":"approved"', '"status":"published"');
    const file = join(dir, "bad.json");
    await writeFile(file, lines.join("\n"));
    b = await open();
    const err = await importJson({ file, store: b.store, site: null, sanitize: sanitizeCommentHtml }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(ImportError);
    expect(err.message).toBe(`${file}:${at + 1}: unknown status published`);
    const after = await b.store.exportAll();
    expect(after.pages).toEqual([]);
    expect(after.comments).toEqual([]);
  });

  // Thousands of comments rendered and sanitized: seconds on a machine shared with other work.
  it("writes 2,000 comments a batch, and sends the HTML Causette wrote through the fast path, not the sanitizer", async () => {
    // 45 pages of 100 comments, with the markup comments carry: links, emphasis, entities.
    const pages = Array.from({ length: 45 }, (_, p) => ({ site: "default", path: `/post-${p}/` }));
    const comments: ImportComment[] = [];
    for (let i = 0; i < 4500; i++) {
      const body = `Comment ${i}: <a href="https://example.org/${i}">Tom & Jerry</a> -> <em>5 < 6</em>\n\nBye`;
      comments.push({
        site: "default",
        page: `/post-${Math.floor(i / 100)}/`,
        authorName: `Reader ${i % 7}`,
        body,
        html: sanitizeCommentHtml(wpautop(body)),
        createdAt: new Date(Date.UTC(2020, 0, 1, 0, i)).toISOString(),
        source: "wordpress",
        sourceId: String(i),
      });
    }
    await importBatch(a.store, { pages, comments: comments.slice(0, 2500) });
    await importBatch(a.store, { comments: comments.slice(2500) });
    await a.store.finishImport();
    const text = await exportText(a.store);
    const file = join(dir, "large.json");
    await writeFile(file, text);

    b = await open();
    const target = b.store;
    const batches: number[] = [];
    const counting = new Proxy(target, {
      get(t, key) {
        if (key === "importBatch")
          return (batch: ImportBatch) => {
            if (batch.comments?.length) batches.push(batch.comments.length);
            return t.importBatch(batch);
          };
        const value = Reflect.get(t, key, t);
        return typeof value === "function" ? value.bind(t) : value;
      },
    });
    let sanitized = 0;
    const sanitize = (html: string) => {
      sanitized++;
      return sanitizeCommentHtml(html);
    };
    const report = await importJson({ file, store: counting, site: null, sanitize });
    expect(report.commentsImported).toBe(4500);
    expect(batches).toEqual([2000, 2000, 500]);
    expect(sanitized).toBe(0);
    expect(await exportText(target)).toBe(text);
  }, 30_000);

  it("re-sanitizes HTML that was edited into the file", async () => {
    await populate(a.store);
    const text = (await exportText(a.store)).replace(
      "<p><strong>Bravo</strong> et <em>merci</em></p>",
      '<p onmouseover=\\"x()\\">Bravo<script>steal()</script></p>',
    );
    const file = join(dir, "edited.json");
    await writeFile(file, text);
    b = await open();
    await importJson({ file, store: b.store, site: "other", sanitize: sanitizeCommentHtml });
    const { comments } = await b.store.exportAll("other");
    expect(comments.find((c) => c.id === "nativeComment1")!.html).toBe("<p>Bravo</p>");
  });
});
