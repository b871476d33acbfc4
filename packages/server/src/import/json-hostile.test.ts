import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sanitizeCommentHtml } from "../render/markdown.js";
import { newComment } from "../test-utils/comments.js";
import { exportText } from "../test-utils/import-fixtures.js";
import { sqliteStore, type TestStore } from "../test-utils/stores.js";
import { importJson } from "./json.js";

/** Each line of an export, parsed, so a test can make it hostile and write it back. */
function edit(
  text: string,
  change: (row: Record<string, unknown>) => Record<string, unknown> | null,
): string {
  return text
    .split("\n")
    .map((line) => {
      const m = /^(\s*)(\{.*\})(,?)$/.exec(line);
      if (!m || line.includes('"format"')) return line;
      const row = change(JSON.parse(m[2]!) as Record<string, unknown>);
      return row === null ? line : `${m[1]}${JSON.stringify(row)}${m[3]}`;
    })
    .join("\n");
}

describe("import json of a hostile file", () => {
  let a: TestStore;
  let b: TestStore;
  let dir: string;
  beforeEach(async () => {
    [a, b] = [await sqliteStore(), await sqliteStore()];
    dir = await mkdtemp(join(tmpdir(), "causette-hostile-"));
  });
  afterEach(async () => {
    await a.cleanup();
    await b.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it("checks every record with the API's rules and lists what it refused", async () => {
    const root = await a.store.createComment(newComment({ id: "root", page: "/a/" }), {
      pageMeta: { title: "A", url: "https://blog.example/a/" },
    });
    await a.store.createComment(newComment({ id: "other", page: "/b/" }));
    await a.store.createComment(newComment({ id: "crossed", page: "/b/", parentId: "other" }));
    await a.store.createComment(newComment({ id: "longname", page: "/a/" }));
    await a.store.vote("longname", "voter-1", 1);
    await a.store.addShare("default", "/a/", "x");
    await a.store.addShare("default", "/b/", "x");
    let text = await exportText(a.store);
    text = edit(text, (row) => {
      if (row.path === "/a/") return { ...row, url: "javascript:alert(1)" };
      if (row.path === "/b/") return { ...row, path: "//phish.example/b/" };
      if (row.id === root.id)
        return { ...row, authorWebsite: "javascript:alert(1)", avatar: "https://tracker.example/pixel.gif" };
      // A reply that names a comment of another page.
      if (row.id === "crossed") return { ...row, page: "/a/", parentId: "other" };
      if (row.id === "other") return { ...row, page: "/a/other/" };
      if (row.id === "longname") return { ...row, authorName: "n".repeat(101) };
      if (row.network === "x" && row.page === "/a/") return { ...row, network: "myspace" };
      if (row.network === "x" && row.page === "/b/") return { ...row, page: "/a/", count: 2 ** 60 };
      return null;
    });
    const file = join(dir, "hostile.json");
    await writeFile(file, text);
    const report = await importJson({ file, store: b.store, site: null, sanitize: sanitizeCommentHtml });

    const page = await b.store.getPage("default", "/a/");
    expect(page?.url).toBeNull();
    expect(await b.store.getPage("default", "//phish.example/b/")).toBeNull();
    const imported = await b.store.getComment(root.id);
    expect(imported?.authorWebsite).toBeNull();
    expect(imported?.avatar).toMatch(/^[0-9a-f]{32}$/);
    expect(await b.store.getComment("crossed")).toBeNull();
    expect(await b.store.getComment("longname")).toBeNull();
    expect(await b.store.shareCounts("default", "/a/")).toEqual({});
    const json = report.toJSON() as { skipped: Record<string, number>; warnings: { message: string }[] };
    expect(json.skipped).toMatchObject({ refused: 4, parent_not_on_page: 1 });
    const said = json.warnings.map((w) => w.message).join("\n");
    expect(said).toMatch(/page id "\/\/phish.example\/b\/" is not a path/);
    expect(said).toMatch(/comment longname: author.name is over its limit/);
    expect(said).toMatch(/unknown share network "myspace"/);
    expect(said).toMatch(/not a whole number below 2\^53/);
  });
});
