/** The hourly tidying: events past the retention go, ended rate windows go, a guard keeps what the outbox needs. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { Outbox } from "../outbox/outbox.js";
import { post, type TestApp, testApp } from "../test-utils/app.js";
import { startMaintenance } from "./maintenance.js";

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ moderation: "none" });
});
afterEach(async () => t.cleanup());

it("prunes events older than the retention and rate windows that ended", async () => {
  for (let i = 0; i < 3; i++) expect((await t.call("POST", "/api/comments", post("/m/"))).status).toBe(201);
  expect(await t.store.counters.take("k", 1, 60_000)).toBe(0);
  // The log keeps what the outbox has not dispatched yet (a server's outbox loop always runs).
  await new Outbox(t.store).dispatchOnce();
  const m = startMaintenance(t.store, { retentionDays: 1, everyMs: 3_600_000 });
  m.stop();
  // Within the retention: nothing goes.
  expect(await m.run()).toEqual({ events: 0, counters: 0, outbox: 0 });
  const dayLater = Date.now() + 25 * 3_600_000;
  expect(await m.run(dayLater)).toEqual({ events: 3, counters: 1, outbox: 0 });
  expect(await t.store.events.oldestId()).toBeNull();
});

it("keeps the events the outbox has not dispatched yet, whatever their age", async () => {
  for (let i = 0; i < 2; i++) await t.call("POST", "/api/comments", post("/m/"));
  const m = startMaintenance(t.store, { retentionDays: 1, everyMs: 3_600_000 });
  m.stop();
  expect((await m.run(Date.now() + 25 * 3_600_000)).events).toBe(0);
  await new Outbox(t.store).dispatchOnce();
  expect((await m.run(Date.now() + 25 * 3_600_000)).events).toBe(2);
});

it("keeps the events a guard still needs, whatever their age", async () => {
  for (let i = 0; i < 3; i++) await t.call("POST", "/api/comments", post("/m/"));
  const ids = (await t.store.events.after(0)).map((e) => e.id);
  await new Outbox(t.store).dispatchOnce();
  const m = startMaintenance(t.store, { retentionDays: 1, guard: async () => ids[1]! });
  m.stop();
  expect((await m.run(Date.now() + 25 * 3_600_000)).events).toBe(1);
  expect((await t.store.events.after(0)).map((e) => e.id)).toEqual(ids.slice(1));
});

it("removes outbox messages that are over once past the retention, never queued ones", async () => {
  const at = new Date().toISOString();
  const draft = (key: string) => ({
    key,
    channel: "webhook",
    kind: "event",
    site: "default",
    recipient: "https://hooks.example/",
    payload: {},
  });
  await t.store.outbox.enqueue([draft("done"), draft("waiting")], at);
  const [done] = (await t.store.outbox.list({ limit: 10 })).filter((m) => m.key === "done");
  await t.store.outbox.markSent(done!.id, at);
  const m = startMaintenance(t.store, { retentionDays: 1, everyMs: 3_600_000 });
  m.stop();
  expect((await m.run()).outbox).toBe(0);
  expect((await m.run(Date.now() + 25 * 3_600_000)).outbox).toBe(1);
  expect((await t.store.outbox.list({ limit: 10 })).map((x) => x.key)).toEqual(["waiting"]);
});

it("counts a key's window across calls and refuses past the limit, with the wait", async () => {
  const now = 1_000_000;
  expect(await t.store.counters.take("w", 2, 60_000, now)).toBe(0);
  expect(await t.store.counters.take("w", 2, 60_000, now + 1)).toBe(0);
  expect(await t.store.counters.take("w", 2, 60_000, now + 10_000)).toBe(50_000);
  expect(await t.store.counters.take("w", 2, 60_000, now + 60_000)).toBe(0);
});
