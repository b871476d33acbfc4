import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { json, type TestApp, testApp } from "../test-utils/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ origins: ["https://blog.example", "http://localhost:*"] });
});
afterAll(async () => t.cleanup());
afterEach(() => vi.restoreAllMocks());

describe("GET /api/origin", () => {
  it("says a page on an allowed origin may write", async () => {
    for (const origin of ["https://blog.example", "http://localhost:4000"]) {
      const res = await t.call("GET", "/api/origin", undefined, { Origin: origin });
      expect(res.status).toBe(200);
      // Readable by any page, as every read.
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(await json(res)).toEqual({ origin, writable: true });
    }
  });

  it("says another origin may not, and names the setting that allows it, as the server log does", async () => {
    const warn = vi.spyOn(console, "warn");
    const res = await t.call("GET", "/api/origin", undefined, { Origin: "https://other.example" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = await json(res);
    expect(body).toMatchObject({
      origin: "https://other.example",
      writable: false,
      error: { code: "origin_not_allowed" },
    });
    expect(body.error.message).toContain("CAUSETTE_ORIGINS");
    // The preflight the browser sends for a write is refused, and the log says why.
    const preflight = await t.call("OPTIONS", "/api/comments", undefined, {
      Origin: "https://other.example",
      "Access-Control-Request-Method": "POST",
    });
    expect(preflight.status).toBe(403);
    const logged = warn.mock.calls.map((c) => String(c[0])).join("\n");
    expect(logged).toContain("https://other.example");
    expect(logged).toContain("CAUSETTE_ORIGINS");
  });

  it("lets through what is not a browser (no Origin)", async () => {
    expect(await json(await t.call("GET", "/api/origin"))).toEqual({ origin: null, writable: true });
  });
});
