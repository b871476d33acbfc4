import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventDraft } from "../store/journal.js";
import type { MessageDraft, OutboxMessage } from "../store/outbox-store.js";
import type { PageRecord, Store } from "../store/types.js";
import { storeTargets, type TestStore } from "../test-utils/stores.js";
import { Outbox, type SendOutcome } from "./outbox.js";

const SITE = "default";

/** Locks a page through the store with a journal: one `page.locked` event in the log. */
async function lockEvent(store: Store, page: string, at = new Date().toISOString()): Promise<void> {
  await store.setPageLocked(SITE, page, true, {
    events: (p: PageRecord): EventDraft[] => [{ type: "page.locked", site: SITE, page: p.path, at }],
    committed: () => {},
  });
}

/** One message per event, to the page's "owner". */
const perEvent = async (event: EventDraft & { id: number }): Promise<MessageDraft[]> => [
  {
    key: `${event.id}:owner:test`,
    channel: "test",
    kind: "test",
    site: event.site,
    recipient: `owner${event.page}`,
    payload: { page: event.page },
  },
];

/** One message on `channel` to each `name@example.com`, due at `at`. */
async function enqueueTo(store: Store, channel: string, names: string[], at: number): Promise<void> {
  await store.outbox.enqueue(
    names.map((name) => ({
      key: `${channel}-${name}`,
      channel,
      kind: "t",
      site: SITE,
      recipient: `${name}@example.com`,
      payload: {},
    })),
    new Date(at).toISOString(),
  );
}

for (const target of storeTargets("outbox")) {
  describe(`outbox on ${target.label}`, () => {
    let t: TestStore;
    let store: Store;
    beforeAll(async () => {
      t = await target.open();
      store = t.store;
    });
    afterAll(async () => t?.cleanup());
    /** A second server: on PostgreSQL its own pool; SQLite has one server, so the same store. */
    const secondServer = () => (target.label === "postgres" ? t.another() : Promise.resolve(store));

    it("expands each event once, even with two passes (two servers on PostgreSQL) at once", async () => {
      for (let i = 0; i < 30; i++) await lockEvent(store, `/once/${i}/`);
      const other = await secondServer();
      const a = new Outbox(store).expand(perEvent);
      const b = new Outbox(other).expand(perEvent);
      const [na, nb] = await Promise.all([a.dispatchOnce(), b.dispatchOnce()]);
      expect(na + nb).toBe(30);
      const rows = (await store.outbox.list({ channel: "test", limit: 100 })).filter((m) =>
        m.recipient.startsWith("owner/once/"),
      );
      expect(rows).toHaveLength(30);
      expect(await store.outbox.undispatched(10)).toEqual([]);
    });

    it("sends each message once with two senders at once, retries with back-off, then gives up", async () => {
      await lockEvent(store, "/send/");
      const sent: string[] = [];
      let failing = true;
      const flaky = {
        send: async (m: OutboxMessage): Promise<SendOutcome> => {
          if (m.recipient === "owner/send/" && failing) throw new Error("421 try later");
          sent.push(m.recipient);
          return { status: "sent" };
        },
      };
      let clock = Date.now();
      const now = () => clock;
      const a = new Outbox(store, { now, retryBaseMs: 1000, maxAttempts: 3 }).expand(perEvent);
      const b = new Outbox(await secondServer(), { now, retryBaseMs: 1000, maxAttempts: 3 });
      a.transport("test", flaky);
      b.transport("test", flaky);
      await a.dispatchOnce();
      await Promise.all([a.sendOnce(), b.sendOnce()]);
      // Every earlier message went out exactly once; /send/ failed once.
      expect(new Set(sent).size).toBe(sent.length);
      let msg = (await store.outbox.list({ channel: "test", limit: 200 })).find(
        (m) => m.recipient === "owner/send/",
      )!;
      expect(msg).toMatchObject({ status: "retrying", attempts: 1, lastError: "421 try later" });
      expect(Date.parse(msg.dueAt) - clock).toBe(1000);
      // Not due yet: nothing happens.
      await a.sendOnce();
      expect((await store.outbox.get(msg.id))!.attempts).toBe(1);
      clock += 1000;
      await a.sendOnce();
      msg = (await store.outbox.get(msg.id))!;
      expect(msg).toMatchObject({ status: "retrying", attempts: 2 });
      expect(Date.parse(msg.dueAt) - clock).toBe(2000);
      clock += 2000;
      await a.sendOnce();
      expect(await store.outbox.get(msg.id)).toMatchObject({ status: "dead", attempts: 3 });
      // The owner retries it once the relay is back.
      failing = false;
      expect(await store.outbox.retry(msg.id, new Date(clock).toISOString())).toBe(true);
      await a.sendOnce();
      expect(await store.outbox.get(msg.id)).toMatchObject({ status: "sent" });
      expect(sent.filter((r) => r === "owner/send/")).toHaveLength(1);
    });

    it("a message leased by a sender that died is sent again once the lease runs out", async () => {
      const key = `lease-${target.label}`;
      await store.outbox.enqueue(
        [{ key, channel: "lease", kind: "t", site: SITE, recipient: "x@example.com", payload: {} }],
        new Date().toISOString(),
      );
      const t0 = Date.now();
      // The "dead" sender claimed it and never came back.
      expect(
        await store.outbox.claim(new Date(t0).toISOString(), new Date(t0 + 5000).toISOString(), 10, [
          "lease",
        ]),
      ).toHaveLength(1);
      const sent: number[] = [];
      let clock = t0 + 1000;
      const o = new Outbox(store, { now: () => clock }).transport("lease", {
        send: async (m) => {
          sent.push(m.id);
          return { status: "sent" };
        },
      });
      await o.sendOnce();
      expect(sent).toEqual([]);
      clock = t0 + 6000;
      await o.sendOnce();
      expect(sent).toHaveLength(1);
    });

    it("a sender whose lease ran out mid-batch sends none of the rest: the sender that claimed them does", async () => {
      const channel = `slow-${target.label}`;
      const t0 = Date.now();
      await enqueueTo(store, channel, ["r0", "r1", "r2", "r3"], t0);
      let clock = t0;
      const sent: string[] = [];
      const other = new Outbox(await secondServer(), { now: () => clock, leaseMs: 1000 });
      other.transport(channel, {
        send: async (m) => {
          sent.push(`other ${m.recipient}`);
          return { status: "sent" };
        },
      });
      const slow = new Outbox(store, { now: () => clock, leaseMs: 1000 });
      slow.transport(channel, {
        send: async (m) => {
          sent.push(`slow ${m.recipient}`);
          if (m.recipient === "r0@example.com") {
            // The relay takes longer than the lease: meanwhile the other server claims
            // everything whose lease ran out, this message too.
            clock += 1100;
            await other.sendOnce();
          }
          return { status: "sent" };
        },
      });
      await slow.sendOnce();
      // r0, sent under a lease that ran out while the relay took it, went twice: that is the
      // bound of at-least-once. The slow sender sent none of the rest after it.
      expect(sent.sort()).toEqual([
        "other r0@example.com",
        "other r1@example.com",
        "other r2@example.com",
        "other r3@example.com",
        "slow r0@example.com",
      ]);
      const rows = (await store.outbox.list({ channel, limit: 10 })).map((m) => m.status);
      expect(rows).toEqual(["sent", "sent", "sent", "sent"]);
    });

    it("a batch is sent within half its lease; the rest goes back and is claimed again at once", async () => {
      const channel = `half-${target.label}`;
      const t0 = Date.now();
      await enqueueTo(store, channel, ["h0", "h1", "h2"], t0);
      let clock = t0;
      const sent: string[] = [];
      const o = new Outbox(store, { now: () => clock, leaseMs: 1000 }).transport(channel, {
        send: async (m) => {
          sent.push(m.recipient);
          clock += 600;
          return { status: "sent" };
        },
      });
      // Each pass (one claim: the outbox is not started) sends one, and gives back the others
      // before their lease (t0 + 1000) ran out: the next pass claims them at once.
      expect(await o.sendOnce()).toBe(1);
      expect(await o.sendOnce()).toBe(1);
      expect(await o.sendOnce()).toBe(1);
      expect(clock - t0).toBe(1800);
      expect(sent).toEqual(["h0@example.com", "h1@example.com", "h2@example.com"]);
    });

    it("groups: the first goes at once, the ones that follow within the window wait together", async () => {
      const now = Date.now();
      const iso = (ms: number) => new Date(now + ms).toISOString();
      const draft = (n: number): MessageDraft => ({
        key: `group-${n}`,
        channel: "grp",
        kind: "reply",
        site: SITE,
        recipient: "g@example.com",
        payload: { to: "g@example.com" },
        group: { key: "g@example.com|default", windowMs: 60_000, item: { n } },
      });
      await store.outbox.enqueue([draft(1)], iso(0));
      const first = await store.outbox.claim(iso(0), iso(1000), 10, ["grp"]);
      expect(first.map((m) => m.payload.items)).toEqual([[{ n: 1 }]]);
      await store.outbox.markSent(first[0]!.id, iso(100));
      await store.outbox.enqueue([draft(2)], iso(5000));
      await store.outbox.enqueue([draft(3)], iso(6000));
      // The same draft twice is one item.
      await store.outbox.enqueue([draft(3)], iso(6500));
      expect(await store.outbox.claim(iso(7000), iso(8000), 10, ["grp"])).toEqual([]);
      const second = await store.outbox.claim(iso(60_100), iso(61_000), 10, ["grp"]);
      expect(second.map((m) => m.payload.items)).toEqual([[{ n: 2 }, { n: 3 }]]);
      expect((await store.outbox.list({ channel: "grp", limit: 10 })).length).toBe(2);
    });

    it("postpones a recipient over the rate limit without counting an attempt", async () => {
      const drafts = [1, 2, 3].map(
        (n): MessageDraft => ({
          key: `rate-${n}`,
          channel: "rate",
          kind: "t",
          site: SITE,
          recipient: "busy@example.com",
          payload: {},
        }),
      );
      await store.outbox.enqueue(drafts, new Date().toISOString());
      let count = 0;
      const o = new Outbox(store, { rateMax: 2 }).transport("rate", {
        send: async () => {
          count++;
          return { status: "sent" };
        },
      });
      await o.sendOnce();
      expect(count).toBe(2);
      const left = (await store.outbox.list({ channel: "rate", limit: 10 })).find(
        (m) => m.status === "queued",
      )!;
      expect(left.attempts).toBe(0);
      expect(Date.parse(left.dueAt)).toBeGreaterThan(Date.now());
    });

    it("a dropped message is kept with its reason and never sent", async () => {
      await store.outbox.enqueue(
        [
          {
            key: "drop-1",
            channel: "drop",
            kind: "t",
            site: SITE,
            recipient: "gone@example.com",
            payload: {},
          },
        ],
        new Date().toISOString(),
      );
      const o = new Outbox(store).transport("drop", {
        send: async () => ({ status: "dropped", reason: "unsubscribed" }),
      });
      await o.sendOnce();
      const [m] = await store.outbox.list({ channel: "drop", limit: 1 });
      expect(m).toMatchObject({ status: "dropped", lastError: "unsubscribed", sentAt: null });
      expect(await store.outbox.forgetRecipient("gone@example.com")).toBe(1);
    });

    it("pruning the event log keeps the events not dispatched yet, whatever their age", async () => {
      const old = "2020-01-01T00:00:00.000Z";
      await lockEvent(store, "/prune/dispatched/", old);
      await new Outbox(store).dispatchOnce();
      await lockEvent(store, "/prune/waiting/", old);
      const removed = await store.events.prune("2021-01-01T00:00:00.000Z");
      expect(removed).toBe(1);
      const left = await store.outbox.undispatched(10);
      expect(left.map((e) => e.page)).toEqual(["/prune/waiting/"]);
      await new Outbox(store).dispatchOnce();
      expect(await store.events.prune("2021-01-01T00:00:00.000Z")).toBe(1);
    });

    it("the loops start, wake on an event and stop", async () => {
      const seen: string[] = [];
      let wake: (() => void) | null = null;
      const o = new Outbox(store, { pollMs: 60_000 }).expand(perEvent).transport("test", {
        send: async (m) => {
          seen.push(m.recipient);
          return { status: "sent" };
        },
      });
      o.start({
        on: (listener) => {
          wake = listener;
          return () => {
            wake = null;
          };
        },
      });
      await o.idle();
      await lockEvent(store, "/woken/");
      (wake as (() => void) | null)?.();
      await o.idle();
      expect(seen).toContain("owner/woken/");
      await o.stop();
      expect(wake).toBeNull();
    });
  });
}
