import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { CreateCommentResponse } from "@causette/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, post, type TestApp, testApp } from "../test-utils/app.js";
import { type Document, html, microdata, ownAll, ownOne } from "../test-utils/fragment.js";
import type { TestStore } from "../test-utils/stores.js";

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ moderation: "none" });
});
afterAll(async () => t.cleanup());

/** Another app (other settings) on the same database; `t` closes it. */
const sameStore = async (): Promise<TestStore> => ({
  store: t.store,
  cleanup: async () => {},
  another: async () => t.store,
});

async function create(page: string, extra: Record<string, unknown> = {}, app = t) {
  const res = await app.call("POST", "/api/comments", post(page, extra));
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json(res)) as CreateCommentResponse;
}

async function fragment(query: string, headers: Record<string, string> = {}, app = t) {
  const res = await app.call("GET", `/api/comments.html?${query}`, undefined, headers);
  expect(res.status, await res.clone().text()).toBe(200);
  return { res, text: await res.text() };
}

describe("GET /api/comments.html", () => {
  it("shows the JSON's thread as nested articles with schema.org Comment microdata", async () => {
    const a = await create("/md/", {
      author: { name: "Ana", website: "https://ana.example/blog" },
      body: "First *root*",
    });
    const b = await create("/md/", { parentId: a.comment.id, author: { name: "Bo" }, body: "A reply" });
    const c = await create("/md/", { parentId: b.comment.id, author: { name: "Cy" }, body: "Deeper" });
    const d = await create("/md/", { author: { name: "Di" }, body: "Second root" });
    for (const voter of ["v1", "v2"])
      await t.call("POST", `/api/comments/${a.comment.id}/vote`, { value: 1 }, { "X-Causette-Voter": voter });

    const { res, text } = await fragment("page=/md/");
    expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const listed = await json(await t.call("GET", "/api/comments?page=/md/"));
    const doc = html(text);

    const comments = doc.querySelectorAll('article[itemscope][itemtype="https://schema.org/Comment"]');
    expect(comments.length).toBe(listed.comments.length);
    for (const wire of listed.comments) {
      const article = doc.getElementById(`comment-${wire.id}`)!;
      expect(article?.tagName, wire.id).toBe("ARTICLE");
      const md = microdata(article);
      expect(md).toMatchObject({
        author: { type: "https://schema.org/Person", name: wire.author.name },
        dateCreated: wire.createdAt,
        upvoteCount: String(wire.score),
      });
      expect(ownOne(article, '[itemprop="text"]').innerHTML).toBe(wire.html);
      // Replies sit inside their parent's article, as the thread is.
      const parent = article.parentElement!.closest("article");
      if (wire.parentId === null) expect(parent).toBeNull();
      else {
        expect(parent?.id).toBe(`comment-${wire.parentId}`);
        expect(article.getAttribute("itemprop")).toBe("comment");
      }
    }
    expect(microdata(doc.getElementById(`comment-${a.comment.id}`)!)).toMatchObject({
      author: { name: "Ana", url: "https://ana.example/blog" },
      upvoteCount: "2",
    });
    expect(microdata(doc.getElementById(`comment-${b.comment.id}`)!).author).not.toHaveProperty("url");
    expect(doc.getElementById(`comment-${c.comment.id}`)!.parentElement!.closest("article")!.id).toBe(
      `comment-${b.comment.id}`,
    );
    expect(doc.getElementById(`comment-${d.comment.id}`)).not.toBeNull();
    expectInert(doc);
  });

  it("keeps a deleted comment with replies as a placeholder, its replies nested in it", async () => {
    const gone = await create("/deleted/", { author: { name: "Gone Author" }, body: "soon gone words" });
    const reply = await create("/deleted/", { parentId: gone.comment.id, body: "still here" });
    const alone = await create("/deleted/", { author: { name: "Lonely" }, body: "deleted, no replies" });
    for (const c of [gone, alone]) {
      const res = await t.call("DELETE", `/api/comments/${c.comment.id}`, undefined, {
        Authorization: `Bearer ${c.editToken}`,
      });
      expect(res.status).toBe(200);
    }
    const { text } = await fragment("page=/deleted/");
    const doc = html(text);
    const placeholder = doc.getElementById(`comment-${gone.comment.id}`)!;
    expect(placeholder.tagName).toBe("ARTICLE");
    expect(placeholder.hasAttribute("itemscope")).toBe(false);
    // Nothing of its own is a property: no author, date, text or count.
    expect(ownAll(placeholder, "[itemprop]").filter((el) => el.tagName !== "ARTICLE")).toEqual([]);
    expect(placeholder.textContent).not.toMatch(/Gone Author|soon gone words/);
    const child = doc.getElementById(`comment-${reply.comment.id}`)!;
    expect(child.parentElement!.closest("article")).toBe(placeholder);
    expect(child.getAttribute("itemtype")).toBe("https://schema.org/Comment");
    // With no Comment around it, the reply is an item of its own (its `comment` names nothing).
    expect(child.parentElement!.closest("[itemscope]")).toBeNull();
    expect(placeholder.textContent).toMatch(/Comment deleted/);
    expect(doc.getElementById(`comment-${alone.comment.id}`)).toBeNull();
    expect(text).not.toContain("Lonely");
  });

  it("never shows a held comment", async () => {
    const held = await testApp({ moderation: "all" });
    try {
      const res = await held.call("POST", "/api/comments", post("/held/", { body: "awaiting moderation" }));
      expect((await json(res)).comment.status).toBe("pending");
      const { text } = await fragment("page=/held/", {}, held);
      expect(text).not.toContain("awaiting moderation");
      expect(html(text).querySelectorAll("article")).toHaveLength(0);
    } finally {
      await held.cleanup();
    }
  });

  it("links to the next page, which is a real next page of the same thread", async () => {
    const roots = [];
    for (let i = 0; i < 3; i++) roots.push(await create("/paged/", { body: `root number ${i}` }));
    const { text } = await fragment("page=/paged/&limit=1");
    const first = html(text);
    expect(first.querySelectorAll("article")).toHaveLength(1);
    const more = first.querySelector("a[href*='cursor=']")!;
    expect(more, "a link to the next page").not.toBeNull();
    const next = new URL(more.getAttribute("href")!);
    expect(next.origin).toBe("http://localhost");
    expect(next.pathname).toBe("/api/comments.html");
    const second = html((await fragment(next.search.slice(1))).text);
    // The link carries no limit: the rest of the thread, in order, without the first root.
    expect([...second.querySelectorAll("article")].map((a) => a.id)).toEqual(
      roots.slice(1).map((r) => `comment-${r.comment.id}`),
    );
    expect(second.querySelector("a[href*='cursor=']")).toBeNull();
  });

  it("escapes hostile names and addresses, and keeps the sanitizer's HTML as it is", async () => {
    const name = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;
    const hostile = await create("/hostile/", {
      author: { name, website: 'https://evil.example/?q="><script>alert(3)</script>' },
      body: "<script>alert(4)</script> <b onclick=alert(5)>b</b> [x](javascript:alert(6)) <style>*{}</style>",
    });
    const { text } = await fragment("page=/hostile/");
    const doc = html(text);
    const article = doc.getElementById(`comment-${hostile.comment.id}`)!;
    const md = microdata(article);
    expect(md.author).toMatchObject({ name });
    expect(md.author?.url).toBe(hostile.comment.author.website);
    expect(ownOne(article, '[itemprop="text"]').innerHTML).toBe(hostile.comment.html);
    expectInert(doc);
    expect(doc.querySelectorAll("img, b, style")).toHaveLength(0);
  });

  it("answers the same 400s as the JSON for bad input, with the field at fault", async () => {
    for (const [query, field] of [
      ["", "page"],
      ["page=post-12", "page"],
      ["page=/a%20b/", "page"],
      ["page=/p/&site=a%20b", "site"],
      ["page=/p/&sort=best", "sort"],
      ["page=/p/&limit=ten", "limit"],
      ["page=/p/&cursor=not-a-cursor", "cursor"],
      [`page=/p/&cursor=${"x".repeat(600)}`, "cursor"],
    ] as const) {
      const res = await t.call("GET", `/api/comments.html?${query}`);
      const body = await json(res);
      expect([res.status, body.error.code, body.error.field], query).toEqual([400, "invalid_field", field]);
      const same = await t.call("GET", `/api/comments?${query}`);
      expect([same.status, await json(same)], query).toEqual([400, body]);
    }
    for (const lang of ["<x>", "e", "en_US", "x".repeat(40)]) {
      const res = await t.call("GET", `/api/comments.html?page=/p/&lang=${encodeURIComponent(lang)}`);
      expect([res.status, (await json(res)).error], lang).toEqual([
        400,
        expect.objectContaining({ code: "invalid_field", field: "lang" }),
      ]);
    }
  });

  it("speaks English by default and French for fr and its regions", async () => {
    await create("/lang/", { body: "bonjour" });
    const en = (await fragment("page=/lang/")).text;
    const fr = (await fragment("page=/lang/&lang=fr")).text;
    expect(html(en).querySelector("section")!.getAttribute("lang")).toBe("en");
    expect(html(fr).querySelector("section")!.getAttribute("lang")).toBe("fr");
    expect(en).toMatch(/\b1 comment\b/);
    expect(fr).toMatch(/\b1 commentaire\b/);
    expect((await fragment("page=/lang/&lang=fr-CA")).text).toBe(fr);
    expect((await fragment("page=/lang/&lang=de")).text).toBe(en);
  });

  it("is cached and compressed like the JSON, with an ETag, and follows the domain's events", async () => {
    const first = await create("/cached/", { body: `${"long enough to compress ".repeat(80)}` });
    const plain = await fragment("page=/cached/");
    const etag = plain.res.headers.get("ETag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(plain.res.headers.get("Vary")).toContain("Accept-Encoding");
    expect(plain.res.headers.get("Cache-Control")).toBe("no-cache");

    const gz = await t.app.request("/api/comments.html?page=/cached/", {
      headers: { "Accept-Encoding": "gzip" },
    });
    expect(gz.headers.get("Content-Encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(plain.text);
    expect(gz.headers.get("ETag")).toBe(`${etag.slice(0, -1)}-gzip"`);
    const br = await t.app.request("/api/comments.html?page=/cached/", {
      headers: { "Accept-Encoding": "br" },
    });
    expect(br.headers.get("Content-Encoding")).toBe("br");
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(plain.text);

    const again = await t.call("GET", "/api/comments.html?page=/cached/", undefined, {
      "If-None-Match": etag,
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("ETag")).toBe(etag);

    // A write to the page (through the domain) makes a new fragment and a new tag.
    const reply = await create("/cached/", { parentId: first.comment.id, body: "a fresh reply" });
    const after = await t.call("GET", "/api/comments.html?page=/cached/", undefined, {
      "If-None-Match": etag,
    });
    expect(after.status).toBe(200);
    expect(after.headers.get("ETag")).not.toBe(etag);
    expect(html(await after.text()).getElementById(`comment-${reply.comment.id}`)).not.toBeNull();
    await t.call("POST", `/api/comments/${reply.comment.id}/vote`, { value: 1 }, { "X-Causette-Voter": "v" });
    const voted = html((await fragment("page=/cached/")).text);
    expect(microdata(voted.getElementById(`comment-${reply.comment.id}`)!).upvoteCount).toBe("1");
  });

  it("names the server as the browser sees it: CAUSETTE_PUBLIC_URL, else a trusted proxy, else the request", async () => {
    await create("/origin/", { body: "one" });
    await create("/origin/", { body: "two" });
    const moreLink = (text: string) =>
      new URL(html(text).querySelector("a[href*='cursor=']")!.getAttribute("href")!).origin;
    const forwarded = { "X-Forwarded-Host": "comments.proxy.example", "X-Forwarded-Proto": "https" };

    expect(moreLink((await fragment("page=/origin/&limit=1", forwarded)).text)).toBe("http://localhost");

    const proxied = await testApp({ trustProxy: ["loopback"] }, sameStore);
    expect(moreLink((await fragment("page=/origin/&limit=1", forwarded, proxied)).text)).toBe(
      "https://comments.proxy.example",
    );
    // The cache keeps one fragment per origin: the plain request still names the request's own.
    expect(moreLink((await fragment("page=/origin/&limit=1", {}, proxied)).text)).toBe("http://localhost");

    const pub = await testApp({ publicUrl: "https://comments.example.com" }, sameStore);
    expect(moreLink((await fragment("page=/origin/&limit=1", forwarded, pub)).text)).toBe(
      "https://comments.example.com",
    );
  });
});

/** No script, no inline style, no event handler attribute, no script URL: nothing a strict CSP would block. */
function expectInert(doc: Document): void {
  expect(doc.querySelectorAll("script")).toHaveLength(0);
  for (const el of doc.querySelectorAll("*")) {
    for (const attr of el.getAttributeNames()) {
      expect(attr === "style" || attr.startsWith("on"), `${el.tagName} ${attr}`).toBe(false);
      expect(el.getAttribute(attr)).not.toMatch(/^\s*javascript:/i);
    }
  }
}
