import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CommentRecord, Store } from "../store/types.js";
import { DATABASE_URL, storeTargets, type TestStore } from "../test-utils/stores.js";
import { ENGLISH_POST } from "./content-en.js";
import { FRENCH_POST } from "./content-fr.js";
import { DEMO_PAGES, seedDemo } from "./seed.js";

const ALL = ["approved", "pending", "deleted", "spam"] as const;

async function thread(store: Store, page: string): Promise<CommentRecord[]> {
  const { comments } = await store.listThreads({
    site: "default",
    page,
    sort: "oldest",
    limit: 200,
    cursor: null,
    statuses: ALL,
  });
  return comments;
}

function depthOf(c: CommentRecord, byId: Map<string, CommentRecord>): number {
  let depth = 1;
  for (let p = c.parentId; p; p = byId.get(p)?.parentId ?? null) depth++;
  return depth;
}

describe.skipIf(!DATABASE_URL)("demo seed on PostgreSQL", () => {
  it("runs (DATABASE_URL is set)", () => expect(DATABASE_URL).toBeTruthy());
});

for (const target of storeTargets("demo_seed")) {
  describe(`demo seed on ${target.label}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await target.open();
    });
    afterEach(async () => t?.cleanup());

    it("gives a fresh database a live French discussion: ≥ 15 comments, three levels, Selma answering", async () => {
      const result = await seedDemo(t.store);
      expect(result.seeded).toEqual(DEMO_PAGES.map((p) => p.id));
      const comments = await thread(t.store, FRENCH_POST.id);
      expect(comments.length).toBeGreaterThanOrEqual(15);
      expect(comments.every((c) => c.status === "approved")).toBe(true);
      const byId = new Map(comments.map((c) => [c.id, c]));
      expect(Math.max(...comments.map((c) => depthOf(c, byId)))).toBe(3);
      const selma = comments.filter((c) => c.authorName === "Selma");
      expect(selma.length).toBeGreaterThanOrEqual(5);
      expect(selma.every((c) => c.isModerator && c.parentId)).toBe(true);
      expect(comments.filter((c) => c.authorName !== "Selma").every((c) => !c.isModerator)).toBe(true);
      // Dates in the past, spread over days, and the Markdown rendered to HTML.
      const times = comments.map((c) => Date.parse(c.createdAt));
      expect(Math.max(...times)).toBeLessThan(Date.now());
      expect(new Set(comments.map((c) => c.createdAt.slice(0, 10))).size).toBeGreaterThanOrEqual(7);
      expect(comments.find((c) => c.body.includes("**demandes de devis**"))?.html).toContain(
        "<strong>demandes de devis</strong>",
      );
      const counts = await t.store.countApproved("default", [FRENCH_POST.id, ENGLISH_POST.id]);
      expect(counts[FRENCH_POST.id]).toBe(FRENCH_POST.comments.length);
      expect(counts[ENGLISH_POST.id]).toBe(ENGLISH_POST.comments.length);
      expect((await t.store.getPage("default", FRENCH_POST.id))?.title).toBe(FRENCH_POST.title);
      const shares = await t.store.shareCounts("default", FRENCH_POST.id);
      expect(Object.values(shares).reduce((a, b) => a + b, 0)).toBe(61);
    });

    it("keeps scores and vote rows in step, so a reader's vote moves the score by one", async () => {
      await seedDemo(t.store);
      const comments = await thread(t.store, FRENCH_POST.id);
      const liked = comments.find((c) => c.score > 0)!;
      const before = liked.score;
      expect((await t.store.vote(liked.id, "demo-reader-1", 1)).score).toBe(before);
      expect((await t.store.vote(liked.id, "a-new-reader", 1)).score).toBe(before + 1);
    });

    it("adds nothing on a second run", async () => {
      await seedDemo(t.store);
      const second = await seedDemo(t.store);
      expect(second.seeded).toEqual([]);
      expect(second.skipped).toEqual(DEMO_PAGES.map((p) => p.id));
      expect((await thread(t.store, FRENCH_POST.id)).length).toBe(FRENCH_POST.comments.length);
      expect((await thread(t.store, ENGLISH_POST.id)).length).toBe(ENGLISH_POST.comments.length);
    });

    it("never touches a page that already has a comment, even a deleted one", async () => {
      await t.store.createComment({
        id: "mine",
        site: "default",
        page: FRENCH_POST.id,
        parentId: null,
        authorName: "A real reader",
        authorEmail: null,
        authorWebsite: null,
        avatar: "00",
        isModerator: false,
        reasons: [],
        body: "gone",
        html: "",
        status: "deleted",
        editTokenHash: null,
        ipHash: null,
        createdAt: "2025-01-01T00:00:00.000Z",
      });
      const result = await seedDemo(t.store);
      expect(result.skipped).toEqual([FRENCH_POST.id]);
      expect(result.seeded).toEqual([ENGLISH_POST.id]);
      expect((await thread(t.store, FRENCH_POST.id)).map((c) => c.id)).toEqual(["mine"]);
    });

    it("seeds another site on the same server without touching the default one", async () => {
      await seedDemo(t.store, "other");
      expect((await thread(t.store, FRENCH_POST.id)).length).toBe(0);
      expect((await t.store.countApproved("other", [FRENCH_POST.id]))[FRENCH_POST.id]).toBe(
        FRENCH_POST.comments.length,
      );
    });
  });
}
