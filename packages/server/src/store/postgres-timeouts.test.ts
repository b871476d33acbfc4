/**
 * PostgreSQL behind a black hole (a TCP proxy that accepts and never answers, then forwards
 * again): every wait is bounded, and the pool is not left wedged once the database is back.
 * Skips, saying so, when DATABASE_URL is not set.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, post, type TestApp, testApp } from "../test-utils/app.js";
import { DATABASE_URL, postgresSchema } from "../test-utils/stores.js";
import { type TcpProxy, tcpProxy } from "../test-utils/tcp-proxy.js";
import { openStore } from "./open.js";

if (!DATABASE_URL) console.log("[PostgreSQL timeouts] DATABASE_URL is not set: skipping");

/** Short bounds, so the test takes seconds: connect 0.5 s, statements 1 s (reads 2 s). */
const TIMEOUTS = { connect: 500, query: 1_000 };

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

describe.skipIf(!DATABASE_URL)("PostgreSQL that stops answering", { timeout: 60_000 }, () => {
  let proxy: TcpProxy;
  let t: TestApp;

  beforeAll(async () => {
    const schema = await postgresSchema("timeouts");
    const target = new URL(DATABASE_URL);
    proxy = await tcpProxy(Number(target.port || 5432), target.hostname);
    t = await testApp({ moderation: "none" }, async () => {
      const store = await openStore({ databaseUrl: proxy.through(schema.url), timeouts: TIMEOUTS });
      return {
        store,
        another: () => Promise.reject(new Error("one store only")),
        cleanup: async () => {
          await store.close();
          await schema.drop();
        },
      };
    });
  });
  afterAll(async () => {
    await proxy?.close();
    await t?.cleanup();
  });

  it("answers /healthz and requests within bounds while it is silent, and serves again once a new connection gets answers", async () => {
    expect((await t.call("POST", "/api/comments", post("/silent/"))).status).toBe(201);
    expect(await json(await t.call("GET", "/healthz"))).toEqual({ ok: true, database: "ok" });

    await proxy.setMode("black hole");
    const [health, healthTime] = await timed(() => t.call("GET", "/healthz"));
    expect(health.status).toBe(503);
    expect(await json(health)).toEqual({ ok: false, database: "timeout" });
    expect(healthTime).toBeLessThan(3_000);

    // Reads and writes, on the pool's frozen connections and on new ones that never get an
    // answer: each is a 503 within connect + statement + read margin, never a hang.
    const [answers, answerTime] = await timed(() =>
      Promise.all([
        ...Array.from({ length: 12 }, () => t.call("GET", "/api/comments?page=/silent/")),
        ...Array.from({ length: 4 }, () => t.call("POST", "/api/comments", post("/silent/"))),
      ]),
    );
    for (const res of answers) {
      expect(res.status).toBe(503);
      expect((await json(res)).error.code).toBe("storage_unavailable");
    }
    expect(answerTime).toBeLessThan(8_000);

    await proxy.setMode("forward");
    const back = performance.now();
    for (;;) {
      const res = await t.call("GET", "/healthz");
      if (res.ok) break;
      expect(performance.now() - back, "not back within 3 s").toBeLessThan(3_000);
      await new Promise((r) => setTimeout(r, 50));
    }
    // Every connection of the pool works again: more requests at once than it has connections.
    const after = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        i % 2
          ? t.call("GET", "/api/comments?page=/silent/")
          : t.call("POST", "/api/comments", post("/silent/")),
      ),
    );
    expect(after.map((r) => r.status)).toEqual(Array.from({ length: 16 }, (_, i) => (i % 2 ? 200 : 201)));
  });
});
