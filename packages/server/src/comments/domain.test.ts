import type { ModerationMode } from "@causette/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isCausetteError } from "../errors.js";
import { Outbox } from "../outbox/outbox.js";
import { issueFormToken } from "../security/form-token.js";
import { storeTargets, type TestStore } from "../test-utils/stores.js";
import { CommentsDomain, editWindowSentence } from "./domain.js";
import { type CommentEvent, EventBus } from "./events.js";
import type { CreateCommentInput } from "./schemas.js";

const input = (over: Partial<CreateCommentInput> = {}): CreateCommentInput => ({
  site: "default",
  page: "/post/",
  pageUrl: null,
  pageTitle: null,
  parentId: null,
  author: { name: "Ana", email: null, website: null },
  body: `Hello ${Math.random()}`,
  ...over,
});
const sender = { ipHash: "client-a", origin: null };

for (const target of storeTargets("domain")) {
  describe(`the comments domain on ${target.label}`, () => {
    let t: TestStore;
    let events: CommentEvent[];
    const domain = (moderation: ModerationMode = "none", editWindow = 900) => {
      const bus = new EventBus();
      bus.on((e) => {
        events.push(e);
      });
      return new CommentsDomain(
        t.store,
        { moderation, editWindow, rateLimit: 0, origins: null },
        () => t.store.secret(),
        bus,
      );
    };
    /** A form opened a minute ago, as a person's would be. */
    let formToken: string;
    beforeEach(async () => {
      t = await target.open();
      events = [];
      formToken = issueFormToken(await t.store.secret(), Date.now() - 60_000);
    });
    afterEach(async () => t.cleanup());

    it("announces every change once, after it is stored, as plain JSON", async () => {
      const d = domain();
      const { comment, editToken } = await d.create(input(), sender);
      await d.edit(comment.id, editToken, "Edited text");
      await d.vote(comment.id, "voter-1", 1);
      await d.vote(comment.id, "voter-1", 1); // no change, no event
      const reply = await d.create(input({ parentId: comment.id }), { ...sender, ipHash: "client-b" });
      await d.moderate([reply.comment.id], "spam");
      await d.remove(comment.id, editToken);
      await d.lockPage("default", "/post/", true);
      expect(events.map((e) => e.type)).toEqual([
        "comment.created",
        "comment.edited",
        "vote.changed",
        "comment.created",
        "comment.status_changed",
        "comment.deleted",
        "page.locked",
      ]);
      for (const e of events) {
        expect(JSON.parse(JSON.stringify(e))).toEqual(e);
        expect(e).toMatchObject({ site: "default", page: "/post/" });
        expect(JSON.stringify(e)).not.toMatch(/Hello|Edited|client-/);
      }
      expect(events[2]).toMatchObject({ commentId: comment.id, score: 1 });
      expect(events[4]).toMatchObject({ from: "approved", to: "spam" });
    });

    it("writes each event to the log in its change's transaction: ids increase, a refused change leaves none", async () => {
      const d = domain();
      const before = await t.store.events.latestId();
      const { comment, editToken } = await d.create(input(), sender);
      await d.vote(comment.id, "voter-1", 1);
      await d.lockPage("default", "/post/", true);
      // Refused inside the store's transaction: neither the reply nor its event exists.
      const refused = await d.create(input({ parentId: comment.id }), sender).catch((e: unknown) => e);
      expect(isCausetteError(refused, "page_locked")).toBe(true);
      await d.edit(comment.id, editToken, "Edited text").catch(() => undefined);
      const logged = await t.store.events.after(before);
      expect(logged.map((e) => e.type)).toEqual(events.map((e) => e.type));
      // What the bus said is what the log holds, ids included.
      expect(logged).toEqual(events);
      const ids = events.map((e) => e.id);
      expect(ids.every((id, i) => Number.isInteger(id) && (i === 0 || id > ids[i - 1]!))).toBe(true);
      expect(await t.store.events.latestId()).toBe(ids.at(-1));
      expect(await t.store.events.after(before, { site: "default", page: "/elsewhere/" })).toEqual([]);
      expect((await t.store.events.after(ids[0]!, { site: "default", page: "/post/" }, 1))[0]).toEqual(
        events[1],
      );
      // Pruning keeps what the outbox has not dispatched yet; once dispatched, pruning by age
      // keeps the ids increasing: a new event never reuses a pruned id.
      expect(await t.store.events.prune(new Date(Date.now() + 60_000).toISOString())).toBe(0);
      await new Outbox(t.store).dispatchOnce();
      expect(await t.store.events.prune(new Date(Date.now() + 60_000).toISOString())).toBeGreaterThanOrEqual(
        events.length,
      );
      expect(await t.store.events.oldestId()).toBeNull();
      await d.lockPage("default", "/post/", false);
      expect(events.at(-1)!.id).toBeGreaterThan(ids.at(-1)!);
    });

    it("publishes a moderator's reply and its held parent in one transaction", async () => {
      const d = domain("all");
      const held = await d.create(input(), sender);
      expect(held.comment.status).toBe("pending");
      await d.lockPage("default", "/post/", true);
      const refused = await d.moderatorReply(held.comment.id, "Thanks!", "Selma").catch((e: unknown) => e);
      expect(isCausetteError(refused, "page_locked")).toBe(true);
      // The reply failed: the parent must still be held, not published on its own.
      expect((await t.store.getComment(held.comment.id))?.status).toBe("pending");
      await d.lockPage("default", "/post/", false);
      events = [];
      const reply = await d.moderatorReply(held.comment.id, "Thanks!", "Selma");
      expect(reply).toMatchObject({ isModerator: true, status: "approved", authorName: "Selma" });
      expect((await t.store.getComment(held.comment.id))?.status).toBe("approved");
      expect(events.map((e) => e.type)).toEqual(["comment.status_changed", "comment.created"]);
    });

    it("holds an approved comment again when an edit turns it into spam (bait and switch)", async () => {
      const d = domain("first");
      const zed = { author: { name: "Zed", email: "zed@example.org", website: null }, formToken };
      const first = await d.create(input(zed), sender);
      await d.moderate([first.comment.id], "approve");
      const known = await d.create(input(zed), sender);
      expect(known.comment.status).toBe("approved");
      const switched = await d.edit(
        known.comment.id,
        known.editToken,
        "CASINO bonus https://a.example https://b.example https://c.example",
      );
      expect(switched.status).toBe("pending");
      expect(switched.reasons).toEqual(expect.arrayContaining(["too_many_links", "edited"]));
      expect(events.at(-1)).toMatchObject({
        type: "comment.status_changed",
        from: "approved",
        to: "pending",
      });
      // An innocent edit stays published.
      const fine = await d.create(input(zed), sender);
      expect((await d.edit(fine.comment.id, fine.editToken, "A typo fixed")).status).toBe("approved");
    });

    it("trusts a returning author by e-mail and name together, not by e-mail alone", async () => {
      const d = domain("first");
      const zed = { name: "Zed", email: "Zed@Example.org", website: null };
      const first = await d.create(input({ author: zed, formToken }), sender);
      await d.moderate([first.comment.id], "approve");
      const impostor = await d.create(input({ author: { ...zed, name: "Mallory" }, formToken }), sender);
      expect(impostor.comment.status).toBe("pending");
      expect((await d.create(input({ author: zed, formToken }), sender)).comment.status).toBe("approved");
    });

    it("says the edit window in seconds when it is short", async () => {
      expect(editWindowSentence(20)).toBe("Comments can be changed for 20 seconds only.");
      expect(editWindowSentence(900)).toBe("Comments can be changed for 15 minutes only.");
      const d = domain("none", 0);
      const { comment, editToken } = await d.create(input(), sender);
      await new Promise((r) => setTimeout(r, 5));
      const late = await d.edit(comment.id, editToken, "late").catch((e: unknown) => e);
      expect(isCausetteError(late, "edit_window_closed")).toBe(true);
    });
  });
}
