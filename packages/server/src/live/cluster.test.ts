/**
 * Two servers on one PostgreSQL, in-process: events cross through LISTEN/NOTIFY, the thread
 * cache follows them, a late-committing lower id is not lost, the listening connection comes
 * back after being cut, and the limits are counted for both. Skips when DATABASE_URL is unset.
 */
import type { CreateCommentResponse } from "@causette/types";
import type { Hono } from "hono";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { loadConfig } from "../config.js";
import type { PostgresEventFeed } from "../store/event-feed.js";
import { appendEvents, NOTIFY_CHANNEL_PREFIX, notifyPayload } from "../store/journal.js";
import type { KyselyStore } from "../store/kysely-store.js";
import type { Store } from "../store/types.js";
import { json, post } from "../test-utils/app.js";
import { SseReader } from "../test-utils/sse.js";
import { DATABASE_URL, postgresStore, type TestStore } from "../test-utils/stores.js";

if (!DATABASE_URL) console.log("[live cluster] DATABASE_URL is not set: skipping");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!DATABASE_URL)("two servers on one PostgreSQL", { timeout: 60_000 }, () => {
  let t: TestStore;
  let storeB: Store;
  let a: Hono;
  let b: Hono;
  const readers: SseReader[] = [];
  const call = (
    app: Hono,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.request(path, {
      method,
      headers: body === undefined ? headers : { "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const stream = async (app: Hono, page: string, headers: Record<string, string> = {}) => {
    const res = await app.request(`/api/events?page=${encodeURIComponent(page)}`, { headers });
    expect(res.status).toBe(200);
    const reader = new SseReader(res.body);
    readers.push(reader);
    // Registered as soon as the response exists: nothing to wait for.
    return reader;
  };
  const feedOf = (store: Store) => store.feed as PostgresEventFeed;
  const feedUp = async (store: Store) => {
    for (let i = 0; i < 200 && !store.feed?.up; i++) await sleep(25);
    expect(store.feed?.up).toBe(true);
  };

  beforeAll(async () => {
    t = await postgresStore("live_cluster");
    storeB = await t.another();
    const config = { ...loadConfig({}), moderation: "none" as const, rateLimit: 0 };
    a = createApp({ store: t.store, config });
    b = createApp({ store: storeB, config });
    await Promise.all([feedUp(t.store), feedUp(storeB)]);
  });
  afterAll(async () => {
    for (const r of readers) await r.close();
    await t?.cleanup();
  });

  it("a reader on B gets A's comment live, and a GET on B shows it at once", async () => {
    const page = "/cluster/live/";
    // B has the thread cached (empty) before A writes.
    expect((await json(await call(b, "GET", `/api/comments?page=${page}`))).comments).toEqual([]);
    expect((await json(await call(b, "GET", `/api/comments?page=${page}`))).comments).toEqual([]);
    const reader = await stream(b, page);
    const res = await call(a, "POST", "/api/comments", post(page));
    const acked = performance.now();
    expect(res.status).toBe(201);
    const created = (await res.json()) as CreateCommentResponse;
    let shownAfter = -1;
    for (let i = 0; i < 200; i++) {
      const listed = (await json(await call(b, "GET", `/api/comments?page=${page}`))).comments;
      if (listed.length === 1) {
        shownAfter = performance.now() - acked;
        break;
      }
      await sleep(2);
    }
    const event = await reader.until("comment", 1_000);
    const liveAfter = performance.now() - acked;
    expect(JSON.parse(event.data).id).toBe(created.comment.id);
    console.log(
      `[live cluster] B's GET showed A's write ${shownAfter.toFixed(1)} ms after A's 201; B's stream had it by ${liveAfter.toFixed(1)} ms`,
    );
    expect(shownAfter).toBeGreaterThanOrEqual(0);
    expect(shownAfter).toBeLessThan(1_000);
  });

  it("a late-committing lower id reaches live readers, and reconnecting ones", async () => {
    const page = "/cluster/late/";
    const live = await stream(b, page);
    const onA = await stream(a, page);
    const root = (await json(await call(a, "POST", "/api/comments", post(page)))) as CreateCommentResponse;
    await live.until("comment");
    // A transaction takes an event id and waits; a later one commits a higher id first.
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slow = (t.store as KyselyStore).db.transaction().execute(async (trx) => {
      const written = await appendEvents(trx, [
        {
          type: "vote.changed",
          site: "default",
          page,
          at: new Date().toISOString(),
          commentId: root.comment.id,
          score: 42,
        },
      ]);
      await gate;
      await sql`SELECT pg_notify(${NOTIFY_CHANNEL_PREFIX} || current_schema(), ${notifyPayload(written)})`.execute(
        trx,
      );
    });
    await sleep(100);
    const posted = await call(a, "POST", "/api/comments", post(page));
    expect(posted.status).toBe(201);
    const fast = (await posted.json()) as CreateCommentResponse;
    const newer = await live.until("comment");
    expect(JSON.parse(newer.data).id).toBe(fast.comment.id);
    await live.close();
    release();
    await slow;
    const lowId = (await t.store.events.after(0, { page }, 100)).find((e) => e.type === "vote.changed")!.id;
    expect(lowId).toBeLessThan(Number(newer.id));
    // Live, it simply comes after: NOTIFY is delivered at commit.
    expect(JSON.parse((await onA.until("vote")).data)).toEqual({ id: root.comment.id, score: 42 });
    // A reader that got the higher id, then reconnected to another server, still gets the lower one.
    const back = await stream(a, page, { "Last-Event-ID": newer.id! });
    expect(JSON.parse((await back.until("vote")).data)).toEqual({ id: root.comment.id, score: 42 });
  });

  it("B's listening connection comes back after being cut, and catches up what it missed", async () => {
    const page = "/cluster/cut/";
    const reader = await stream(b, page);
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    const pid = feedOf(storeB).pid;
    expect(pid).not.toBeNull();
    await admin.query("SELECT pg_terminate_backend($1)", [pid]);
    await admin.end();
    for (let i = 0; i < 100 && storeB.feed?.up; i++) await sleep(5);
    // Written while B is not listening: only the catch-up can bring it.
    const created = (await json(await call(a, "POST", "/api/comments", post(page)))) as CreateCommentResponse;
    expect(JSON.parse((await reader.until("comment", 10_000)).data).id).toBe(created.comment.id);
    await feedUp(storeB);
    expect(feedOf(storeB).pid).not.toBe(pid);
  });

  it("limits hold for both servers together: writes, and the share click counted once", async () => {
    // The measurement: a limit of 3 a minute, 4 writes spread over two servers.
    const config = { ...loadConfig({}), moderation: "none" as const, rateLimit: 3 };
    const limitedA = createApp({ store: t.store, config });
    const limitedB = createApp({ store: storeB, config });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await call(i % 2 ? limitedB : limitedA, "POST", "/api/comments", post("/cluster/limits/"))).status,
      );
    expect(statuses).toEqual([201, 201, 201, 429]);
    for (const app of [limitedA, limitedB, limitedA])
      expect(
        (await call(app, "POST", "/api/shares", { page: "/cluster/limits/", network: "x" })).status,
      ).toBe(204);
    expect((await json(await call(b, "GET", "/api/shares?page=/cluster/limits/"))).total).toBe(1);
  });
});
