import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBatch } from "../comments/normalise.js";
import { visibleThread } from "../serialize.js";
import { newComment as comment } from "../test-utils/comments.js";
import { DATABASE_URL, storeTargets, type TestStore } from "../test-utils/stores.js";
import type { Store } from "./types.js";

describe.skipIf(!DATABASE_URL)("PostgreSQL", () => {
  it("runs the store suite (DATABASE_URL is set)", () => expect(DATABASE_URL).toBeTruthy());
});

for (const target of storeTargets("store_suite")) {
  describe(`store on ${target.label}`, () => {
    let t: TestStore;
    let store: Store;
    beforeAll(async () => {
      t = await target.open();
      store = t.store;
    });
    afterAll(async () => t?.cleanup());

    it("migrates idempotently and keeps one secret", async () => {
      expect(await store.migrate()).toEqual([]);
      const s1 = await store.secret();
      expect(s1.length).toBeGreaterThanOrEqual(32);
      expect(await store.secret()).toBe(s1);
      await store.ping();
    });

    it("creates the page on first comment, bumps its version, and takes its title from published comments first", async () => {
      const page = "/first/";
      expect(await store.getPage("default", page)).toBeNull();
      expect(await store.pageVersion("default", page)).toBe(0);
      const spam = { title: "CHEAP PILLS", url: "https://blog.example/pills/" };
      await store.createComment(comment({ page, status: "spam" }), { pageMeta: spam });
      expect(await store.getPage("default", page)).toMatchObject({ title: null, url: null });
      // A held comment names a page that has no name yet (with moderation "all", every one is held)…
      await store.createComment(comment({ page, status: "pending" }), {
        pageMeta: { title: "Draft title", url: "https://x.test/first/" },
      });
      expect(await store.getPage("default", page)).toMatchObject({ title: "Draft title" });
      // …a published one renames it…
      await store.createComment(comment({ page }), {
        pageMeta: { title: "First", url: "https://x.test/first/" },
      });
      const v1 = await store.pageVersion("default", page);
      // …and a held one never renames a named page.
      await store.createComment(comment({ page, status: "pending" }), { pageMeta: spam });
      expect(await store.getPage("default", page)).toMatchObject({
        title: "First",
        url: "https://x.test/first/",
      });
      await store.createComment(comment({ page }), { pageMeta: { title: "Renamed", url: null } });
      const p = await store.getPage("default", page);
      expect(p).toMatchObject({ title: "Renamed", url: "https://x.test/first/", locked: false });
      expect(p!.version).toBeGreaterThan(v1);
    });

    it("threads replies at any depth, refuses unknown parents and parents on other pages", async () => {
      const page = "/thread/";
      const root = await store.createComment(comment({ page }));
      const r1 = await store.createComment(comment({ page, parentId: root.id }));
      const r2 = await store.createComment(comment({ page, parentId: r1.id }));
      expect(r2.threadId).toBe(root.id);
      await expect(store.createComment(comment({ page, parentId: "nope" }))).rejects.toMatchObject({
        code: "parent_not_found",
      });
      await expect(
        store.createComment(comment({ page: "/elsewhere/", parentId: root.id })),
      ).rejects.toMatchObject({
        code: "parent_not_on_page",
      });
      const list = await store.listThreads({
        site: "default",
        page,
        sort: "oldest",
        limit: 10,
        cursor: null,
        statuses: ["approved", "deleted"],
      });
      expect(list.comments.map((c) => c.id)).toEqual([root.id, r1.id, r2.id]);
    });

    it("paginates root threads with a cursor in every sort", async () => {
      const page = "/paged/";
      const roots = [];
      for (let i = 0; i < 5; i++) roots.push(await store.createComment(comment({ page })));
      await store.createComment(comment({ page, parentId: roots[0]!.id }));
      await store.vote(roots[3]!.id, "v1", 1);
      for (const sort of ["oldest", "newest", "top"] as const) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const res = await store.listThreads({
            site: "default",
            page,
            sort,
            limit: 2,
            cursor,
            statuses: ["approved"],
          });
          seen.push(...res.comments.filter((c) => !c.parentId).map((c) => c.id));
          cursor = res.nextCursor;
        } while (cursor);
        expect(new Set(seen).size).toBe(5);
        if (sort === "oldest") expect(seen).toEqual(roots.map((r) => r.id));
        if (sort === "newest") expect(seen).toEqual(roots.map((r) => r.id).reverse());
        if (sort === "top") expect(seen[0]).toBe(roots[3]!.id);
      }
    });

    it("locks pages and refuses new comments on them", async () => {
      const page = "/locked/";
      const p = await store.setPageLocked("default", page, true);
      expect(p.locked).toBe(true);
      await expect(store.createComment(comment({ page }))).rejects.toMatchObject({ code: "page_locked" });
      await store.setPageLocked("default", page, false);
      await expect(store.createComment(comment({ page }))).resolves.toBeTruthy();
    });

    it("counts approved comments only, 0 for unknown pages", async () => {
      const page = "/counted/";
      await store.createComment(comment({ page }));
      await store.createComment(comment({ page, status: "pending" }));
      const gone = await store.createComment(comment({ page }));
      await store.updateComment(gone.id, { status: "deleted", html: "", body: "" });
      expect(await store.countApproved("default", [page, "/never/"])).toEqual({ [page]: 1, "/never/": 0 });
    });

    it("counts no approved reply that the thread cannot show, under a held comment at any depth", async () => {
      const page = "/held-parent/";
      const held = await store.createComment(comment({ page }));
      const reply = await store.createComment(comment({ page, parentId: held.id }));
      await store.createComment(comment({ page, parentId: reply.id }));
      await store.createComment(comment({ page }));
      expect((await store.countApproved("default", [page]))[page]).toBe(4);
      await store.updateComment(held.id, { status: "pending" });
      expect((await store.countApproved("default", [page]))[page]).toBe(1);
      const listed = await store.listThreads({
        site: "default",
        page,
        sort: "oldest",
        limit: 50,
        cursor: null,
        statuses: ["approved", "deleted"],
      });
      expect(visibleThread(listed.comments)).toHaveLength(1);
      await store.updateComment(held.id, { status: "approved" });
      expect((await store.countApproved("default", [page]))[page]).toBe(4);
    });

    it("knows returning authors by e-mail and name together", async () => {
      await store.createComment(
        comment({ page: "/a/", authorEmail: "zed@example.org", authorName: "Zed", status: "pending" }),
      );
      expect(await store.hasApprovedAuthor("default", "zed@example.org", "Zed")).toBe(false);
      await store.createComment(comment({ page: "/a/", authorEmail: "zed@example.org", authorName: "Zed" }));
      expect(await store.hasApprovedAuthor("default", "zed@example.org", "Zed")).toBe(true);
      expect(await store.hasApprovedAuthor("default", "zed@example.org", "Mallory")).toBe(false);
      expect(await store.hasApprovedAuthor("other", "zed@example.org", "Zed")).toBe(false);
    });

    it("keeps one vote per voter, changeable, with a consistent score under concurrency", async () => {
      const c = await store.createComment(comment({ page: "/votes/" }));
      expect(await store.vote(c.id, "a", 1)).toEqual({ score: 1, myVote: 1 });
      expect(await store.vote(c.id, "a", 1)).toEqual({ score: 1, myVote: 1 });
      expect(await store.vote(c.id, "a", -1)).toEqual({ score: -1, myVote: -1 });
      expect(await store.vote(c.id, "a", 0)).toEqual({ score: 0, myVote: 0 });
      const voters = Array.from({ length: 40 }, (_, i) => `voter${i}`);
      await Promise.all(voters.map((v, i) => store.vote(c.id, v, i % 4 === 0 ? -1 : 1)));
      await Promise.all(voters.slice(0, 10).map((v) => store.vote(c.id, v, 1)));
      const expected = voters.reduce((sum, _v, i) => sum + (i < 10 ? 1 : i % 4 === 0 ? -1 : 1), 0);
      expect((await store.getComment(c.id))!.score).toBe(expected);
      await store.updateComment(c.id, { status: "deleted" });
      await expect(store.vote(c.id, "b", 1)).rejects.toMatchObject({ code: "comment_deleted" });
      await expect(store.vote("nope", "b", 1)).rejects.toMatchObject({ code: "comment_not_found" });
    });

    it("counts shares per network", async () => {
      await store.addShare("default", "/shared/", "x");
      await store.addShare("default", "/shared/", "x");
      await store.addShare("default", "/shared/", "email");
      expect(await store.shareCounts("default", "/shared/")).toEqual({ email: 1, x: 2 });
      expect(await store.shareCounts("default", "/none/")).toEqual({});
    });

    it("imports idempotently by source id, parents in any order, in one transaction", async () => {
      const batch = {
        pages: [{ site: "imp", path: "/p/", title: "P", locked: true, source: "wp", sourceId: "10" }],
        comments: [
          {
            site: "imp",
            page: "/p/",
            parentSourceId: "1",
            source: "wp",
            sourceId: "2",
            authorName: "B",
            body: "<p>reply</p>",
            html: "<p>reply</p>",
            createdAt: "2020-01-02T00:00:00Z",
          },
          {
            site: "imp",
            page: "/p/",
            source: "wp",
            sourceId: "1",
            authorName: "A",
            authorEmail: "a@x.org",
            isModerator: true,
            body: "*hi*",
            createdAt: "2020-01-01T00:00:00Z",
            status: "pending" as const,
            score: 3,
          },
          {
            site: "imp",
            page: "/p/",
            source: "wp",
            sourceId: "3",
            parentSourceId: "99",
            authorName: "C",
            body: "x",
            createdAt: "2020-01-03T00:00:00Z",
          },
        ],
        shares: [{ site: "imp", page: "/p/", network: "x", count: 61 }],
      };
      const first = await importBatch(store, batch);
      expect(first.pages.inserted).toBe(1);
      expect(first.comments.inserted).toBe(2);
      expect(first.skippedComments).toEqual([{ key: "3", reason: "parent_not_found" }]);
      const parentId = first.idsBySourceId.get("1")!;
      await importBatch(store, { votes: [{ commentId: parentId, voter: "h1", value: 1 }] });
      const again = await importBatch(store, batch);
      expect(again.pages).toEqual({ inserted: 0, skipped: 1 });
      expect(again.comments.inserted).toBe(0);
      const exported = await store.exportAll("imp");
      expect(exported.pages).toHaveLength(1);
      expect(exported.pages[0]).toMatchObject({ locked: true, title: "P", sourceId: "10" });
      expect(exported.comments.map((c) => c.sourceId)).toEqual(["1", "2"]);
      expect(exported.comments[0]).toMatchObject({
        html: "<p><em>hi</em></p>",
        status: "pending",
        isModerator: true,
        score: 3,
        authorEmail: "a@x.org",
        createdAt: "2020-01-01T00:00:00.000Z",
      });
      expect(exported.comments[1]!.parentId).toBe(parentId);
      expect(exported.votes).toEqual([
        expect.objectContaining({ commentId: parentId, voter: "h1", value: 1 }),
      ]);
      expect(exported.shares).toEqual([{ site: "imp", page: "/p/", network: "x", count: 61 }]);
    });

    it("rolls a failing batch back entirely", async () => {
      await expect(
        importBatch(store, {
          pages: [{ site: "rb", path: "/rb/" }],
          comments: [
            { site: "rb", page: "/rb/", authorName: "A", body: "x", createdAt: "2020-01-01T00:00:00Z" },
          ],
          votes: [{ commentId: "does-not-exist", voter: "v", value: 1 }],
        }),
      ).rejects.toThrow();
      expect(await store.getPage("rb", "/rb/")).toBeNull();
    });

    it("lists comments for moderation with filters and a cursor", async () => {
      await store.createComment(
        comment({ site: "adm", page: "/m/", body: "Buy CHEAP pills", status: "spam" }),
      );
      await store.createComment(
        comment({ site: "adm", page: "/m/", body: "kind words", authorEmail: "k@x.org" }),
      );
      const spam = await store.admin.listComments({ site: "adm", status: "spam", limit: 10 });
      expect(spam.comments.map((c) => c.body)).toEqual(["Buy CHEAP pills"]);
      expect((await store.admin.listComments({ site: "adm", q: "cheap", limit: 10 })).comments).toHaveLength(
        1,
      );
      expect((await store.admin.listComments({ site: "adm", q: "K@X", limit: 10 })).comments).toHaveLength(1);
      expect((await store.admin.listComments({ site: "adm", q: "100%", limit: 10 })).comments).toHaveLength(
        0,
      );
      const first = await store.admin.listComments({ site: "adm", limit: 1 });
      const second = await store.admin.listComments({ site: "adm", limit: 1, cursor: first.nextCursor });
      expect(second.comments[0]!.id).not.toBe(first.comments[0]!.id);
      expect(second.nextCursor).toBeNull();
    });
  });
}
