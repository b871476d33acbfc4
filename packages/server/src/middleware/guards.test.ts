import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ConfigError, loadConfig } from "../config.js";
import { json, post, type TestApp, testApp } from "../test-utils/app.js";
import { clientKey } from "./client.js";
import { originAllowed } from "./cors.js";
import { ProxyTrust, parseTrustProxy } from "./proxy.js";
import { SHARES_PER_MINUTE, VOTES_PER_PAGE_HOUR } from "./rate-limit.js";

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
  it("allows CAUSETTE_RATE_LIMIT writes per minute per client, whatever the site, then 429 with Retry-After", async () => {
    const limited = await testApp({ rateLimit: 2, trustProxy: ["loopback"] });
    try {
      const from = (ip: string, site = "default") =>
        limited.call("POST", "/api/comments", post("/rl/", { site }), { "X-Forwarded-For": ip });
      expect((await from("192.0.2.1")).status).toBe(201);
      expect((await from("192.0.2.1", "other")).status).toBe(201);
      const over = await from("192.0.2.1", "a-third-site");
      expect(over.status).toBe(429);
      expect((await json(over)).error.code).toBe("rate_limited");
      expect(Number(over.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect((await from("192.0.2.2")).status).toBe(201);
      // Reads are never limited.
      expect((await limited.call("GET", "/api/comments?page=/rl/")).status).toBe(200);
    } finally {
      await limited.cleanup();
    }
  });

  it("caps a client's comments per hour across sites: a new `site` is not a new budget", async () => {
    const limited = await testApp({ rateLimit: 30, trustProxy: ["loopback"] });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    try {
      const from = (site: string) =>
        limited.call("POST", "/api/comments", post("/hour/", { site }), { "X-Forwarded-For": "192.0.2.77" });
      for (let i = 0; i < 30; i++) expect((await from(`site-${i}`)).status).toBe(201);
      // A minute later the per-minute budget is back; the hour's is not, on any site.
      vi.setSystemTime(Date.now() + 61_000);
      const over = await from("yet-another-site");
      expect(over.status).toBe(429);
      expect((await json(over)).error.code).toBe("rate_limited");
    } finally {
      vi.useRealTimers();
      await limited.cleanup();
    }
  });

  it("turns every per-client limit off with CAUSETTE_RATE_LIMIT=0: minute, hour, votes, shares", async () => {
    const open = await testApp({ rateLimit: 0, trustProxy: ["loopback"] });
    try {
      const from = { "X-Forwarded-For": "192.0.2.88" };
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) {
        const res = await open.call("POST", "/api/comments", post("/bulk/"), from);
        expect(res.status).toBe(201);
        ids.push((await json(res)).comment.id);
      }
      for (let i = 0; i < VOTES_PER_PAGE_HOUR + 5; i++) {
        const voter = { ...from, "X-Causette-Voter": `v${i}` };
        expect((await open.call("POST", `/api/comments/${ids[0]}/vote`, { value: 1 }, voter)).status).toBe(
          200,
        );
      }
      for (let i = 0; i < SHARES_PER_MINUTE + 5; i++)
        expect((await open.call("POST", "/api/shares", { page: `/s${i}/`, network: "x" }, from)).status).toBe(
          204,
        );
    } finally {
      await open.cleanup();
    }
  });

  it("counts a client behind a trusted proxy by the address the proxy saw, not the ones it claims", async () => {
    const limited = await testApp({ rateLimit: 1, trustProxy: ["loopback"] });
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

  it("ignores X-Forwarded-For from a peer that is not a configured proxy", async () => {
    // No CAUSETTE_TRUST_PROXY: a new X-Forwarded-For per request must not be a new client.
    const limited = await testApp({ rateLimit: 2 });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (
            await limited.call("POST", "/api/comments", post("/spoof/"), {
              "X-Forwarded-For": `203.0.113.${i}`,
            })
          ).status,
        );
      expect(statuses).toEqual([201, 201, 429, 429]);
    } finally {
      await limited.cleanup();
    }
  });

  it("takes the right-most hop that is not a trusted proxy, through a chain of them", async () => {
    const limited = await testApp({ rateLimit: 1, trustProxy: ["loopback", "10.0.0.0/8"] });
    try {
      const from = (xff: string) =>
        limited.call("POST", "/api/comments", post("/chain/"), { "X-Forwarded-For": xff });
      // The client claims 1.1.1.1; the edge proxy (10.0.0.2) saw 203.0.113.9.
      expect((await from("1.1.1.1, 203.0.113.9, 10.0.0.2")).status).toBe(201);
      expect((await from("2.2.2.2, 203.0.113.9, 10.0.0.3")).status).toBe(429);
      expect((await from("203.0.113.9")).status).toBe(429);
      expect((await from("203.0.113.10, 10.0.0.2")).status).toBe(201);
    } finally {
      await limited.cleanup();
    }
  });

  it("keys IPv6 clients by /64: a new address in the same /64 is the same client", async () => {
    const limited = await testApp({ rateLimit: 1, trustProxy: ["loopback"] });
    try {
      const from = (ip: string) =>
        limited.call("POST", "/api/comments", post("/v6/"), { "X-Forwarded-For": ip });
      expect((await from("2001:db8:1:2::1")).status).toBe(201);
      expect((await from("2001:db8:1:2:ffff:ffff:ffff:fffe")).status).toBe(429);
      expect((await from("2001:0db8:0001:0002:0:0:0:abcd")).status).toBe(429);
      expect((await from("2001:db8:1:3::1")).status).toBe(201);
    } finally {
      await limited.cleanup();
    }
  });
});

describe("CAUSETTE_TRUST_PROXY", () => {
  it("reads loopback, private, addresses and CIDRs; 1/true as loopback and private; refuses the rest", () => {
    expect(parseTrustProxy(undefined)).toEqual([]);
    expect(parseTrustProxy("0")).toEqual([]);
    expect(parseTrustProxy("1")).toEqual(["loopback", "private"]);
    expect(parseTrustProxy("TRUE")).toEqual(["loopback", "private"]);
    expect(parseTrustProxy("loopback, 10.0.0.0/8,2001:db8::/32 ,192.0.2.7")).toEqual([
      "loopback",
      "10.0.0.0/8",
      "2001:db8::/32",
      "192.0.2.7",
    ]);
    for (const bad of ["anyone", "10.0.0.0/33", "10.0.0/8", "1.2.3.4/8/9", "::1/129", "*"])
      expect(() => loadConfig({ CAUSETTE_TRUST_PROXY: bad }), bad).toThrow(ConfigError);
    const proxies = new ProxyTrust(parseTrustProxy("1"));
    expect(
      ["127.0.0.1", "::1", "::ffff:127.0.0.1", "10.1.2.3", "192.168.0.9", "fd00::1"].every((a) =>
        proxies.trusts(a),
      ),
    ).toBe(true);
    expect(["8.8.8.8", "2001:db8::1", "unknown"].some((a) => proxies.trusts(a))).toBe(false);
  });

  it("keys IPv4 as it is and IPv6 by its /64", () => {
    expect(clientKey("192.0.2.1")).toBe("192.0.2.1");
    expect(clientKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(clientKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKey("2001:DB8:0:0:1::1")).toBe("2001:db8:0:0::/64");
    expect(clientKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(clientKey("::")).toBe("0:0:0:0::/64");
  });

  it("takes CAUSETTE_PUBLIC_URL's origin, and refuses what is not an http(s) URL", () => {
    expect(loadConfig({ CAUSETTE_PUBLIC_URL: "https://Comments.Example.com/path/" }).publicUrl).toBe(
      "https://comments.example.com",
    );
    expect(() => loadConfig({ CAUSETTE_PUBLIC_URL: "comments.example.com" })).toThrow(ConfigError);
  });
});
