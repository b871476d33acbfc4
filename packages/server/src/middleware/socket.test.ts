// What only a real socket shows: connection reuse, and the socket's peer address.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../app.js";
import { loadConfig } from "../config.js";
import { sqliteStore, type TestStore } from "../test-utils/stores.js";

let db: TestStore;
let server: ReturnType<typeof serve>;
let url: string;
let sockets = 0;

beforeAll(async () => {
  db = await sqliteStore();
  const app = createApp({ store: db.store, config: loadConfig({ CAUSETTE_RATE_LIMIT: "0" }) });
  server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  server.on("connection", () => sockets++);
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.cleanup();
});

describe("an oversize body over a real socket", () => {
  it("is refused with 413 and Connection: close, and the client's next request still succeeds", async () => {
    // Node's fetch keeps connections alive and reuses them for the next request.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const before = sockets;
    const res = await fetch(`${url}/api/comments`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ page: "/big/", author: { name: "A" }, body: "a".repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("too_large");
    for (let i = 0; i < 3; i++) expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(res.headers.get("connection")).toBe("close");
    // The 413's connection was not reused: the next request opened a fresh one.
    expect(sockets).toBeGreaterThan(before);
  });

  it("sends X-Content-Type-Options: nosniff with JSON answers and errors", async () => {
    for (const path of ["/healthz", "/api/comments?page=/p/", "/api/nothing"]) {
      const res = await fetch(`${url}${path}`);
      await res.arrayBuffer();
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });
});

describe("X-Forwarded-For from a local peer that is not a configured proxy", () => {
  it("is ignored, and the server says once how to trust a proxy on this machine", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      for (const ip of ["203.0.113.1", "203.0.113.2"]) {
        const res = await fetch(`${url}/api/shares`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-Forwarded-For": ip },
          body: JSON.stringify({ page: "/warn/", network: "x" }),
        });
        expect(res.status).toBe(204);
      }
    } finally {
      spy.mockRestore();
    }
    const warnings = lines.filter((l) => l.includes("CAUSETTE_TRUST_PROXY=loopback"));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({ level: "warn" });
    // Ignored: both requests were one client, so the share counted once.
    const counts = await (await fetch(`${url}/api/shares?page=/warn/`)).json();
    expect(counts).toEqual({ total: 1, networks: { x: 1 } });
  });
});
