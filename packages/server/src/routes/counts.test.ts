import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, post, type TestApp, testApp } from "../test-utils/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.cleanup());

describe("GET /api/counts", () => {
  it("counts approved comments per page, 0 for pages never seen", async () => {
    await t.call("POST", "/api/comments", post("/a/"));
    await t.call("POST", "/api/comments", post("/a/"));
    await t.call("POST", "/api/comments", post("/b/"));
    await t.call("POST", "/api/comments", post("/b/", { hp: "bot" }));
    const res = await t.call("GET", "/api/counts?page=/a/&page=/b/&page=/c/");
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ counts: { "/a/": 2, "/b/": 1, "/c/": 0 } });
    const other = await t.call("GET", "/api/counts?site=other&page=/a/");
    expect(await json(other)).toEqual({ counts: { "/a/": 0 } });
  });

  it("takes up to 100 pages, and says 400 for none or more", async () => {
    const q = (n: number) => Array.from({ length: n }, (_, i) => `page=/p${i}/`).join("&");
    expect((await t.call("GET", `/api/counts?${q(100)}`)).status).toBe(200);
    const tooMany = await t.call("GET", `/api/counts?${q(101)}`);
    expect(tooMany.status).toBe(400);
    expect((await json(tooMany)).error).toMatchObject({ code: "invalid_field", field: "page" });
    expect((await t.call("GET", "/api/counts")).status).toBe(400);
  });
});
