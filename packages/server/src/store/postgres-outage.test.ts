/**
 * The built server, as a process, under load while PostgreSQL drops its connections
 * (pg_terminate_backend, what a restart or a failover does) and then refuses new ones for
 * a while. Skips, saying so, when DATABASE_URL is not set.
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { serveBuilt } from "../test-utils/served.js";
import { SseReader } from "../test-utils/sse.js";
import { DATABASE_URL, postgresSchema } from "../test-utils/stores.js";
import { tcpProxy } from "../test-utils/tcp-proxy.js";

if (!DATABASE_URL) console.log("[PostgreSQL outage] DATABASE_URL is not set: skipping");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!DATABASE_URL)("the built server while PostgreSQL goes away", { timeout: 120_000 }, () => {
  it("stays up, answers 503 meanwhile, loses no acknowledged write, and serves again within a second", async () => {
    const schema = await postgresSchema("outage");
    const target = new URL(DATABASE_URL);
    // The server reaches PostgreSQL through a proxy, which can stop listening as a
    // restarting PostgreSQL does; its sessions carry a name of their own, to terminate.
    const proxy = await tcpProxy(Number(target.port || 5432), target.hostname);
    const name = `causette_outage_${process.pid}`;
    const url = new URL(proxy.through(schema.url));
    url.searchParams.set("application_name", name);
    const admin = new pg.Client({ connectionString: schema.url });
    await admin.connect();
    const server = await serveBuilt(["--quiet"], {
      ...process.env,
      DATABASE_URL: url.toString(),
      CAUSETTE_RATE_LIMIT: "0",
    }).catch(async (err) => {
      await Promise.all([admin.end(), proxy.close()]);
      await schema.drop();
      throw err;
    });
    const terminate = async () =>
      (
        await admin.query<{ n: number }>(
          "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1",
          [name],
        )
      ).rows[0]!.n;

    const answers = new Map<string, number>();
    const count = (what: string) => answers.set(what, (answers.get(what) ?? 0) + 1);
    const acknowledged: string[] = [];
    let running = true;
    const write = (page: string, body: string) =>
      fetch(`${server.url}/api/comments`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ page, author: { name: "Load" }, body }),
      });
    const writer = async (w: number) => {
      for (let i = 0; running; i++) {
        const res = await write(`/outage/${w % 4}/`, `writer ${w}, comment ${i}`).catch(() => null);
        count(`POST ${res?.status ?? "no answer"}`);
        if (res?.status === 201)
          acknowledged.push(((await res.json()) as { comment: { id: string } }).comment.id);
        else await res?.body?.cancel();
      }
    };
    const reader = async (r: number) => {
      while (running) {
        const res = await fetch(`${server.url}/api/comments?page=/outage/${r % 4}/`).catch(() => null);
        count(`GET ${res?.status ?? "no answer"}`);
        await res?.body?.cancel();
      }
    };

    // A live reader, connected through the whole outage.
    const live = new SseReader((await fetch(`${server.url}/api/events?page=/outage/live/`)).body);
    await live.ready();
    let recovery = Number.NaN;
    let duringOutage: unknown = null;
    let terminated = 0;
    const load = [
      ...Array.from({ length: 8 }, (_, i) => writer(i)),
      ...Array.from({ length: 8 }, (_, i) => reader(i)),
    ];
    try {
      try {
        await sleep(500);
        // Sessions cut under load, in flight or idle, every 200 ms.
        for (let k = 0; k < 5; k++) {
          terminated += await terminate();
          await sleep(200);
        }
        // A restart: every session cut, and nothing listening for a second.
        await proxy.setMode("refuse");
        terminated += await terminate();
        await sleep(300);
        const health = await fetch(`${server.url}/healthz`).catch(() => null);
        duringOutage = health && { status: health.status, body: await health.json() };
        await sleep(700);
        await proxy.setMode("forward");
        const back = performance.now();
        for (let i = 0; ; i++) {
          const res = await write("/outage/back/", `back ${i}`).catch(() => null);
          await res?.body?.cancel();
          if (res?.status === 201 || performance.now() - back > 5_000) break;
          await sleep(10);
        }
        recovery = performance.now() - back;
        // The stream outlived the outage and goes on.
        const after = await write("/outage/live/", "after the restart");
        expect(after.status).toBe(201);
        const { comment } = (await after.json()) as { comment: { id: string } };
        expect(JSON.parse((await live.until("comment", 5_000)).data).id).toBe(comment.id);
        await live.close();
        await sleep(500);
      } finally {
        running = false;
        await Promise.all(load);
      }

      console.log(
        "[PostgreSQL outage]",
        JSON.stringify({ recovery: Math.round(recovery), terminated, answers: Object.fromEntries(answers) }),
      );
      expect(server.child.exitCode, server.output()).toBeNull();
      expect(terminated).toBeGreaterThan(0);
      expect(duringOutage).toEqual({ status: 503, body: { ok: false, database: "unavailable" } });
      expect(recovery).toBeLessThan(1_000);
      // Every request was answered, with success or a 503: no 500, no dropped connection.
      expect([...answers.keys()].sort()).toEqual(["GET 200", "GET 503", "POST 201", "POST 503"]);
      expect(server.output()).not.toContain("unexpected error");
      const stored = await admin.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM comments WHERE id = ANY($1::text[])",
        [acknowledged],
      );
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(stored.rows[0]!.n).toBe(acknowledged.length);
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
      await admin.end();
      await proxy.close();
      await schema.drop();
    }
  });
});
