import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, post, type TestApp, testApp } from "../test-utils/app.js";
import { originAllowed } from "./cors.js";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.cleanup());

describe("CORS", () => {
  it("matches origins exactly or with any port", () => {
    expect(originAllowed("http://localhost:5173", ["http://localhost:*"])).toBe(true);
    expect(originAllowed("http://localhost", ["http://localhost:*"])).toBe(true);
    expect(originAllowed("http://localhost.evil.test", ["http://localhost:*"])).toBe(false);
    expect(originAllowed("https://blog.test", ["https://blog.test"])).toBe(true);
    expect(originAllowed("https://blog.test.evil", ["https://blog.test"])).toBe(false);
  });

  it("lets anyone read, with *", async () => {
    const res = await t.app.request("/api/comments?page=/c/", {
      headers: { Origin: "https://anywhere.test" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("by default accepts writes from the server's own origin and localhost, reflected", async () => {
    for (const origin of ["http://localhost", "http://localhost:4000"]) {
      const res = await t.call("POST", "/api/comments", post("/cors/"), { Origin: origin });
      expect(res.status).toBe(201);
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    }
    const res = await t.call("POST", "/api/comments", post("/cors/"), { Origin: "https://evil.test" });
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe("origin_not_allowed");
  });

  it("answers preflights for allowed origins with the methods and headers the widget sends", async () => {
    const res = await t.app.request("/api/comments/abc", {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:3000",
        "Access-Control-Request-Method": "PATCH",
        "Access-Control-Request-Headers": "authorization, content-type",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(res.headers.get("access-control-allow-methods")).toContain("PATCH");
    expect(res.headers.get("access-control-allow-methods")).toContain("DELETE");
    expect(res.headers.get("access-control-allow-headers")).toMatch(
      /Authorization.*Content-Type.*X-Causette-Voter/,
    );
    const refused = await t.app.request("/api/comments", {
      method: "OPTIONS",
      headers: { Origin: "https://evil.test", "Access-Control-Request-Method": "POST" },
    });
    expect(refused.status).toBe(403);
  });

  it("uses CAUSETTE_ORIGINS instead of the default when set", async () => {
    const strict = await testApp({ origins: ["https://blog.test"] });
    try {
      expect(
        (await strict.call("POST", "/api/comments", post(), { Origin: "https://blog.test" })).status,
      ).toBe(201);
      expect(
        (await strict.call("POST", "/api/comments", post(), { Origin: "http://localhost:80" })).status,
      ).toBe(403);
      // Scripts send no Origin: judged by the other rules.
      expect((await strict.call("POST", "/api/comments", post())).status).toBe(201);
    } finally {
      await strict.cleanup();
    }
  });
});

describe("body limits and content types", () => {
  it("answers 413 over 64 KiB before parsing, 415 for non-JSON", async () => {
    const big = JSON.stringify(post("/big/", { body: "a".repeat(70_000) }));
    const res = await t.call("POST", "/api/comments", big);
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe("too_large");
    const form = await t.app.request("/api/comments", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "page=/x/",
    });
    expect(form.status).toBe(415);
    expect((await json(form)).error.code).toBe("unsupported_media_type");
  });

  it("answers JSON 404 for unknown API routes", async () => {
    const res = await t.call("GET", "/api/nothing");
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe("not_found");
  });
});

describe("rate limit", () => {
  it("allows CAUSETTE_RATE_LIMIT writes per minute per client and site, then 429 with Retry-After", async () => {
    const limited = await testApp({ rateLimit: 2, trustProxy: true });
    try {
      const from = (ip: string, site = "default") =>
        limited.call("POST", "/api/comments", post("/rl/", { site }), { "X-Forwarded-For": ip });
      expect((await from("192.0.2.1")).status).toBe(201);
      expect((await from("192.0.2.1")).status).toBe(201);
      const over = await from("192.0.2.1");
      expect(over.status).toBe(429);
      expect((await json(over)).error.code).toBe("rate_limited");
      expect(Number(over.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect((await from("192.0.2.2")).status).toBe(201);
      expect((await from("192.0.2.1", "other")).status).toBe(201);
      // Reads are never limited.
      expect((await limited.call("GET", "/api/comments?page=/rl/")).status).toBe(200);
    } finally {
      await limited.cleanup();
    }
  });

  it("counts a client behind a local proxy by the address the proxy saw, not the ones it claims", async () => {
    const limited = await testApp({ rateLimit: 1 });
    try {
      const from = (xff: string) =>
        limited.call("POST", "/api/comments", post("/xff/"), { "X-Forwarded-For": xff });
      expect((await from("9.9.9.9, 192.0.2.50")).status).toBe(201);
      expect((await from("8.8.8.8, 192.0.2.50")).status).toBe(429);
      expect((await from("192.0.2.51")).status).toBe(201);
    } finally {
      await limited.cleanup();
    }
  });
});
