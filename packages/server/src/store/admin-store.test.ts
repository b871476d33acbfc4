import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newComment } from "../test-utils/comments.js";
import { storeTargets, type TestStore } from "../test-utils/stores.js";
import type { CommentInput, Store } from "./types.js";

let n = 0;
/** Ana's, from client-a, dated within the last 100 seconds (the moderation windows look back from now). */
function comment(over: Partial<CommentInput> = {}): CommentInput {
  n++;
  return newComment({
    id: `c${n}x${Date.now().toString(36)}`,
    authorEmail: "ana@example.org",
    avatar: "aa",
    body: `text ${n}`,
    html: `<p>text ${n}</p>`,
    ipHash: "client-a",
    createdAt: new Date(Date.now() - 1000 * (100 - n)).toISOString(),
    ...over,
  });
}

for (const target of storeTargets("admin_store")) {
  describe(`admin store on ${target.label}`, () => {
    let t: TestStore;
    let store: Store;
    beforeEach(async () => {
      t = await target.open();
      store = t.store;
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it("keeps sessions until they expire or are deleted", async () => {
      const now = "2026-11-28T12:00:00.000Z";
      await store.admin.createSession("h1", now, "2026-11-28T13:00:00.000Z");
      expect(await store.admin.hasSession("h1", now)).toBe(true);
      expect(await store.admin.hasSession("h2", now)).toBe(false);
      expect(await store.admin.hasSession("h1", "2026-11-28T13:00:00.000Z")).toBe(false);
      await store.admin.deleteSession("h1");
      expect(await store.admin.hasSession("h1", now)).toBe(false);
    });

    it("reserves login attempts per client up to a limit, and forgets only the one asked", async () => {
      const since = "2026-11-28T12:05:00.000Z";
      const at = (m: number) => `2026-11-28T12:${String(m).padStart(2, "0")}:00.000Z`;
      expect("id" in (await store.admin.reserveLoginAttempt("x", at(0), "2026-11-28T11:00:00.000Z", 2))).toBe(
        true,
      );
      const first = await store.admin.reserveLoginAttempt("x", at(10), since, 2);
      const second = await store.admin.reserveLoginAttempt("x", at(11), since, 2);
      expect(await store.admin.reserveLoginAttempt("x", at(12), since, 2)).toEqual({
        refused: [at(10), at(11)],
      });
      // Another client has its own count.
      expect("id" in (await store.admin.reserveLoginAttempt("y", at(12), since, 2))).toBe(true);
      if (!("id" in second) || !("id" in first)) throw new Error("expected two reservations");
      await store.admin.forgetLoginAttempt(second.id);
      expect("id" in (await store.admin.reserveLoginAttempt("x", at(13), since, 2))).toBe(true);
      expect(await store.admin.reserveLoginAttempt("x", at(14), since, 2)).toEqual({
        refused: [at(10), at(13)],
      });
    });

    it("ends every session at once", async () => {
      const now = "2026-11-28T12:00:00.000Z";
      await store.admin.createSession("a", now, "2026-11-28T13:00:00.000Z");
      await store.admin.createSession("b", now, "2026-11-28T13:00:00.000Z");
      expect(await store.admin.deleteAllSessions()).toBe(2);
      expect(await store.admin.hasSession("a", now)).toBe(false);
    });

    it("adds a ban once per kind and value, lists and removes it", async () => {
      const at = new Date().toISOString();
      const a = await store.admin.addBan({
        id: "b1",
        kind: "word",
        value: "cialis",
        note: null,
        createdAt: at,
      });
      const again = await store.admin.addBan({
        id: "b2",
        kind: "word",
        value: "cialis",
        note: "x",
        createdAt: at,
      });
      expect(again.id).toBe(a.id);
      expect((await store.admin.listBans()).map((b) => b.value)).toEqual(["cialis"]);
      expect(await store.admin.removeBan("b1")).toBe(true);
      expect(await store.admin.removeBan("b1")).toBe(false);
    });

    it("sets many statuses in one go, adds a reason once, and bumps the page version", async () => {
      const a = await store.createComment(comment());
      const b = await store.createComment(comment({ status: "pending", reasons: ["first_comment"] }));
      const before = await store.pageVersion("default", "/post/");
      const out = await store.admin.setStatuses([a.id, b.id, "missing"], "spam", "manual");
      expect(out.map((r) => [r.from, r.comment.status, r.comment.reasons])).toEqual(
        expect.arrayContaining([
          ["approved", "spam", ["manual"]],
          ["pending", "spam", ["first_comment", "manual"]],
        ]),
      );
      expect(await store.pageVersion("default", "/post/")).toBeGreaterThan(before);
      expect((await store.admin.setStatuses([a.id], "spam", "manual"))[0]?.comment.reasons).toEqual([
        "manual",
      ]);
    });

    it("finds a client's recent comments, candidates for a ban, sites, pending and pages", async () => {
      await store.createComment(comment({ body: "Buy CIALIS", status: "pending" }));
      await store.createComment(
        comment({ site: "blog2", page: "/b/", ipHash: "client-b", authorEmail: "x@spam.test" }),
      );
      await store.setPageLocked("default", "/post/", true);
      await store.createComment(comment({ site: "blog2", page: "/c/", body: "Elsewhere" }));
      // Across sites: a client's budget is not one per site.
      const recent = await store.admin.recentByClient("client-a", "2000-01-01T00:00:00.000Z");
      expect(recent.map((r) => r.body).sort()).toEqual(["Buy CIALIS", "Elsewhere"]);
      expect(await store.admin.candidatesFor("word", "cialis")).toHaveLength(1);
      await store.createComment(
        comment({ page: "/words/", ipHash: "client-c", body: "free\n  money_100% here" }),
      );
      expect(await store.admin.candidatesFor("word", "free money")).toHaveLength(1);
      expect(await store.admin.candidatesFor("word", "money_100%")).toHaveLength(1);
      expect(await store.admin.candidatesFor("email", "@spam.test")).toHaveLength(1);
      expect(await store.admin.candidatesFor("ip", "client-b")).toHaveLength(1);
      expect(await store.admin.sites()).toEqual(["blog2", "default"]);
      expect(await store.admin.pendingCount()).toBe(1);
      const pages = await store.admin.listPages({ limit: 10 });
      expect(pages.find((p) => p.id === "/post/")).toMatchObject({
        locked: true,
        pending: 1,
        commentCount: 0,
      });
      expect(await store.admin.listPages({ q: "/B/", limit: 10 })).toHaveLength(1);
      expect(await store.admin.pagesFor([{ site: "blog2", page: "/b/" }])).toHaveLength(1);
    });
  });
}
