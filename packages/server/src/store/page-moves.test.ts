import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newComment as comment } from "../test-utils/comments.js";
import { storeTargets, type TestStore } from "../test-utils/stores.js";
import { countThreads } from "./resolve.js";
import type { Store } from "./types.js";

const SITE = "default";
const PUBLIC = ["approved", "deleted"] as const;

for (const target of storeTargets("page_moves")) {
  describe(`page moves on ${target.label}`, () => {
    let t: TestStore;
    let store: Store;
    beforeAll(async () => {
      t = await target.open();
      store = t.store;
    });
    afterAll(async () => t?.cleanup());

    /** The bodies of a page's public thread, in the order the widget shows them. */
    async function bodies(page: string): Promise<string[]> {
      const served = await store.resolvePage(SITE, page);
      const list = await store.listThreads({
        site: SITE,
        page: served,
        sort: "oldest",
        limit: 50,
        cursor: null,
        statuses: PUBLIC,
      });
      return list.comments.map((c) => c.body);
    }

    it("moves a thread: old links and counts find it on the new page, and undo puts it back", async () => {
      const root = await store.createComment(comment({ page: "/2019/old/", body: "root" }), {
        pageMeta: { title: "Old", url: null },
      });
      await store.createComment(comment({ page: "/2019/old/", parentId: root.id, body: "reply" }));
      await store.addShare(SITE, "/2019/old/", "x");

      const move = await store.moves.apply("move", SITE, "/2019/old/", "/new/", "cli");
      expect(move).toMatchObject({ kind: "move", from: "/2019/old/", to: "/new/", comments: 2, by: "cli" });
      expect(await store.resolvePage(SITE, "/2019/old/")).toBe("/new/");
      expect(await bodies("/2019/old/")).toEqual(["root", "reply"]);
      expect((await store.getComment(root.id))!.page).toBe("/new/");
      expect((await store.getPage(SITE, "/new/"))!.title).toBe("Old");
      expect(await countThreads(store, SITE, ["/2019/old/", "/new/"])).toEqual({
        "/2019/old/": 2,
        "/new/": 2,
      });
      expect(await store.shareCounts(SITE, "/new/")).toEqual({ x: 1 });

      const undone = await store.moves.undo(SITE, null, "admin");
      expect(undone).toMatchObject({ id: move.id, undoneBy: "admin" });
      expect(await store.resolvePage(SITE, "/2019/old/")).toBe("/2019/old/");
      expect((await store.getComment(root.id))!.page).toBe("/2019/old/");
      expect(await countThreads(store, SITE, ["/2019/old/", "/new/"])).toEqual({
        "/2019/old/": 2,
        "/new/": 0,
      });
      expect(await store.shareCounts(SITE, "/2019/old/")).toEqual({ x: 1 });
      expect(await store.shareCounts(SITE, "/new/")).toEqual({ x: 0 });
      expect((await store.moves.list(SITE))[0]).toMatchObject({ id: move.id, by: "cli", undoneBy: "admin" });
    });

    it("merges two threads in date order, and undo takes back the moved threads with their new replies", async () => {
      const a1 = await store.createComment(
        comment({ page: "/a/", body: "a1", createdAt: "2024-02-01T00:00:00.000Z" }),
      );
      await store.createComment(comment({ page: "/b/", body: "b1", createdAt: "2024-01-01T00:00:00.000Z" }));
      await store.createComment(comment({ page: "/a/", body: "a2", createdAt: "2024-03-01T00:00:00.000Z" }));

      await store.moves.apply("merge", SITE, "/a/", "/b/", "admin");
      expect(await bodies("/b/")).toEqual(["b1", "a1", "a2"]);
      expect(await bodies("/a/")).toEqual(["b1", "a1", "a2"]);
      // After the merge, a reply to a moved thread and a new thread, both posted on /b/.
      await store.createComment(
        comment({ page: "/b/", parentId: a1.id, body: "late reply", createdAt: "2024-04-01T00:00:00.000Z" }),
      );
      await store.createComment(comment({ page: "/b/", body: "b2", createdAt: "2024-05-01T00:00:00.000Z" }));

      await store.moves.undo(SITE, null, "admin");
      expect(await bodies("/a/")).toEqual(["a1", "late reply", "a2"]);
      expect(await bodies("/b/")).toEqual(["b1", "b2"]);
    });

    it("refuses nonsense with clear errors", async () => {
      await store.createComment(comment({ page: "/full/" }));
      await store.createComment(comment({ page: "/full-too/" }));
      await expect(store.moves.apply("move", SITE, "/full/", "/full-too/", "cli")).rejects.toMatchObject({
        code: "page_has_comments",
        message: expect.stringContaining("merge"),
      });
      await expect(store.moves.apply("move", SITE, "/never/", "/x/", "cli")).rejects.toMatchObject({
        code: "page_not_found",
      });
      await expect(store.moves.apply("merge", SITE, "/full/", "/nowhere/", "cli")).rejects.toMatchObject({
        code: "page_not_found",
      });
      await expect(store.moves.apply("alias", SITE, "/full/", "/full-too/", "cli")).rejects.toMatchObject({
        code: "page_has_comments",
      });
      await expect(store.moves.apply("move", SITE, "/full/", "/full/", "cli")).rejects.toMatchObject({
        code: "invalid_field",
      });
      // /c1/ → /c2/, then /c2/ → /c1/ would loop.
      await store.setPageLocked(SITE, "/c1/", false);
      await store.setPageLocked(SITE, "/c2/", false);
      await store.moves.apply("alias", SITE, "/c1/", "/c2/", "cli");
      await expect(store.moves.apply("alias", SITE, "/c2/", "/c1/", "cli")).rejects.toMatchObject({
        code: "alias_cycle",
      });
      await expect(store.moves.apply("alias", SITE, "/c1/", "/full/", "cli")).rejects.toMatchObject({
        code: "page_is_alias",
      });
      await expect(store.moves.apply("move", SITE, "/full/", "/c1/", "cli")).rejects.toMatchObject({
        code: "page_is_alias",
      });
      // Chains resolve in one call: /c3/ → /c1/ → /c2/.
      await store.moves.apply("alias", SITE, "/c3/", "/c1/", "cli");
      expect(await store.resolvePage(SITE, "/c3/")).toBe("/c2/");
    });

    it("undoes in order: an operation that a later one builds on waits for it", async () => {
      await store.createComment(comment({ page: "/v1/", body: "v1" }));
      const first = await store.moves.apply("move", SITE, "/v1/", "/v2/", "cli");
      const second = await store.moves.apply("move", SITE, "/v2/", "/v3/", "cli");
      expect(await store.resolvePage(SITE, "/v1/")).toBe("/v3/");
      await expect(store.moves.undo(SITE, first.id, "cli")).rejects.toMatchObject({
        code: "undo_blocked",
        message: expect.stringContaining(`undo ${second.id} first`),
      });
      await store.moves.undo(SITE, second.id, "cli");
      expect(await bodies("/v2/")).toEqual(["v1"]);
      await expect(store.moves.undo(SITE, second.id, "cli")).rejects.toMatchObject({ code: "undo_blocked" });
      await store.moves.undo(SITE, first.id, "cli");
      expect(await bodies("/v1/")).toEqual(["v1"]);
      expect(await store.resolvePage(SITE, "/v3/")).toBe("/v3/");
      await expect(store.moves.undo(SITE, 9999, "cli")).rejects.toMatchObject({ code: "move_not_found" });
      await expect(store.moves.undo("nowhere", null, "cli")).rejects.toMatchObject({
        code: "move_not_found",
      });
    });

    it("another server (or the CLI) sees a move within a second", async () => {
      const other = await t.another();
      await store.createComment(comment({ page: "/elsewhere-old/" }));
      expect(await other.resolvePage(SITE, "/elsewhere-old/")).toBe("/elsewhere-old/");
      await store.moves.apply("move", SITE, "/elsewhere-old/", "/elsewhere-new/", "cli");
      await new Promise((r) => setTimeout(r, 1100));
      expect(await other.resolvePage(SITE, "/elsewhere-old/")).toBe("/elsewhere-new/");
    });
  });
}
