import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
