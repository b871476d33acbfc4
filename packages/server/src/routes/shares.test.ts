import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHARES_PER_MINUTE } from "../middleware/rate-limit.js";
import { json, post, type TestApp, testApp } from "../test-utils/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ trustProxy: ["loopback"] });
});
afterAll(async () => t.cleanup());

const share = (body: unknown, ip: string, type = "application/json") =>
  t.app.request("/api/shares", {
    method: "POST",
    headers: { "Content-Type": type, "X-Forwarded-For": ip },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("/api/shares", () => {
  it("counts shares per network, from JSON and from sendBeacon's text/plain", async () => {
    expect((await share({ page: "/s/", network: "x" }, "198.51.100.1")).status).toBe(204);
    expect(
      (await share({ page: "/s/", network: "x" }, "198.51.100.2", "text/plain;charset=UTF-8")).status,
    ).toBe(204);
    expect((await share({ page: "/s/", network: "email" }, "198.51.100.1")).status).toBe(204);
    const res = await t.call("GET", "/api/shares?page=/s/");
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(await json(res)).toEqual({ total: 3, networks: { email: 1, x: 2 } });
  });

  it("counts one client once per page and network in an hour", async () => {
    for (let i = 0; i < 5; i++) await share({ page: "/dup/", network: "bluesky" }, "198.51.100.7");
    expect(await json(await t.call("GET", "/api/shares?page=/dup/"))).toEqual({
      total: 1,
      networks: { bluesky: 1 },
    });
  });

  it("answers 0 for a page never shared", async () => {
    expect(await json(await t.call("GET", "/api/shares?page=/none/"))).toEqual({ total: 0, networks: {} });
  });

  it("refuses unknown networks, missing pages, other content types and malformed bodies", async () => {
    expect((await share({ page: "/s/", network: "myspace" }, "1.1.1.1")).status).toBe(400);
    expect((await share({ network: "x" }, "1.1.1.1")).status).toBe(400);
    expect((await share("{oops", "1.1.1.1", "text/plain")).status).toBe(400);
    expect(
      (await share({ page: "/s/", network: "x" }, "1.1.1.1", "application/x-www-form-urlencoded")).status,
    ).toBe(415);
    expect((await t.call("GET", "/api/shares")).status).toBe(400);
  });

  it("has a per-client budget of its own, which does not use up the comment limit", async () => {
    const limited = await testApp({ rateLimit: 3, trustProxy: ["loopback"] });
    try {
      const send = (ip: string, n: number) =>
        limited.app.request("/api/shares", {
          method: "POST",
          headers: { "Content-Type": "text/plain", "X-Forwarded-For": ip },
          body: JSON.stringify({ page: `/r${n}/`, network: "x" }),
        });
      for (let i = 0; i < SHARES_PER_MINUTE; i++) expect((await send("203.0.113.1", i)).status).toBe(204);
      const over = await send("203.0.113.1", 99);
      expect(over.status).toBe(429);
      expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await send("203.0.113.2", 99)).status).toBe(204);
      // Thirty shares later, the same reader may still comment.
      const comment = await limited.call("POST", "/api/comments", post("/r1/"), {
        "X-Forwarded-For": "203.0.113.1",
      });
      expect(comment.status).toBe(201);
    } finally {
      await limited.cleanup();
    }
  });
});
