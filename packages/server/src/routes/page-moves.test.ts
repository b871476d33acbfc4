/** Page moves through the HTTP API: the admin's routes, and the public routes given an old page id. */
import type {
  AdminPagesResponse,
  CountsResponse,
  CreateCommentResponse,
  ListCommentsResponse,
  PageMoveResponse,
  PageMovesResponse,
} from "@causette/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminLogin, json, post, type TestApp, testApp } from "../test-utils/app.js";

/** A response's JSON, awaited first when it is still a promise. */
const read = async (res: Response | Promise<Response>) => json(await res);

import { sqliteStore, storeTargets } from "../test-utils/stores.js";

const PASSWORD = "a passphrase for moves";

for (const target of storeTargets("page_moves_routes")) {
  describe(`page moves over HTTP on ${target.label}`, () => {
    let t: TestApp;
    let as: (method: string, path: string, body?: unknown) => Promise<Response>;
    beforeAll(async () => {
      t = await testApp({ adminPassword: PASSWORD }, target.open);
      const cookie = await adminLogin(t, PASSWORD);
      as = (method, path, body) => t.call(method, path, body, { Cookie: cookie });
    });
    afterAll(async () => t?.cleanup());

    const thread = (page: string) => read(t.call("GET", `/api/comments?page=${encodeURIComponent(page)}`));
    const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

    it("serves an old page id the moved thread: list, new comments and replies, counts, shares", async () => {
      const first: CreateCommentResponse = await read(
        await t.call("POST", "/api/comments", post("/2016/08/old/")),
      );
      await t.call("POST", "/api/shares", { page: "/2016/08/old/", network: "x" });
      // Read (and cache) both pages before the move: the move must not leave either stale.
      expect((await thread("/2016/08/old/")).comments).toHaveLength(1);
      expect((await thread("/new/")).comments).toHaveLength(0);

      const moved = await as("POST", "/api/admin/pages/move", { from: "/2016/08/old/", to: "/new/" });
      expect(moved.status).toBe(200);
      const { move }: PageMoveResponse = await read(moved);
      expect(move).toMatchObject({
        id: 1,
        kind: "move",
        from: "/2016/08/old/",
        to: "/new/",
        comments: 1,
        by: "admin",
      });

      const listed: ListCommentsResponse = await thread("/2016/08/old/");
      expect(listed.page.id).toBe("/new/");
      expect(listed.comments.map((c) => c.id)).toEqual([first.comment.id]);
      expect((await thread("/new/")).comments.map((c: { id: string }) => c.id)).toEqual([first.comment.id]);

      // A reader whose page still says the old id replies and comments: both land on /new/.
      const reply = await t.call(
        "POST",
        "/api/comments",
        post("/2016/08/old/", { parentId: first.comment.id }),
      );
      expect(reply.status).toBe(201);
      expect((await t.call("POST", "/api/comments", post("/2016/08/old/"))).status).toBe(201);
      expect((await thread("/new/")).comments).toHaveLength(3);

      const counts: CountsResponse = await read(
        t.call("GET", "/api/counts?page=/2016/08/old/&page=/new/&page=/none/"),
      );
      expect(counts.counts).toEqual({ "/2016/08/old/": 3, "/new/": 3, "/none/": 0 });
      expect(await read(t.call("GET", "/api/shares?page=/2016/08/old/"))).toEqual({
        total: 1,
        networks: { x: 1 },
      });

      const pages: AdminPagesResponse = await read(as("GET", "/api/admin/pages"));
      expect(pages.pages.find((p) => p.id === "/2016/08/old/")).toMatchObject({
        aliasOf: "/new/",
        commentCount: 0,
      });
      expect(pages.pages.find((p) => p.id === "/new/")).toMatchObject({ aliasOf: null, commentCount: 3 });
    });

    it("undoes from the admin API, and lists what was done", async () => {
      const undone = await as("POST", "/api/admin/pages/undo", {});
      expect(undone.status).toBe(200);
      expect(((await undone.json()) as PageMoveResponse).move).toMatchObject({ id: 1, undoneBy: "admin" });
      // The moved thread goes back with its new reply; the thread started on /new/ stays there.
      expect((await thread("/2016/08/old/")).comments).toHaveLength(2);
      expect((await thread("/new/")).comments).toHaveLength(1);
      const { moves }: PageMovesResponse = await read(as("GET", "/api/admin/pages/moves"));
      expect(moves).toEqual([expect.objectContaining({ id: 1, kind: "move", undoneBy: "admin" })]);
      expect(await errorCode(await as("POST", "/api/admin/pages/undo", { id: 1 }))).toBe("undo_blocked");
    });

    it("refuses nonsense with 4xx and a stable code", async () => {
      const cases: [string, unknown, number, string][] = [
        ["move", { from: "/2016/08/old/", to: "/new/" }, 409, "page_has_comments"],
        ["move", { from: "/no-such-page/", to: "/x/" }, 404, "page_not_found"],
        ["merge", { from: "/new/", to: "/nowhere/" }, 404, "page_not_found"],
        ["alias", { from: "/new/", to: "/2016/08/old/" }, 409, "page_has_comments"],
        ["move", { from: "/new/", to: "/new/" }, 400, "invalid_field"],
        ["move", { from: "/new/" }, 400, "invalid_field"],
        ["move", { from: 42, to: "/x/" }, 400, "invalid_field"],
        ["undo", { id: "last" }, 400, "invalid_field"],
        ["undo", { id: 77 }, 404, "move_not_found"],
        ["undo", { site: "elsewhere" }, 404, "move_not_found"],
      ];
      for (const [kind, body, status, code] of cases) {
        const res = await as("POST", `/api/admin/pages/${kind}`, body);
        expect(res.status, `${kind} ${JSON.stringify(body)}`).toBe(status);
        expect(await errorCode(res)).toBe(code);
      }
      expect((await as("POST", "/api/admin/pages/teleport", { from: "/a/", to: "/b/" })).status).toBe(404);
    });

    it("merges two threads, and the old page's count follows", async () => {
      await t.call("POST", "/api/comments", post("/merge-a/"));
      await t.call("POST", "/api/comments", post("/merge-b/"));
      const res = await as("POST", "/api/admin/pages/merge", { from: "/merge-a/", to: "/merge-b/" });
      expect(res.status).toBe(200);
      expect((await read(t.call("GET", "/api/counts?page=/merge-a/"))).counts).toEqual({ "/merge-a/": 2 });
      expect((await thread("/merge-b/")).comments).toHaveLength(2);
    });
  });
}

describe("page move routes", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ adminPassword: PASSWORD }, sqliteStore);
  });
  afterAll(async () => t?.cleanup());

  it("need an admin session", async () => {
    for (const [method, path] of [
      ["GET", "/api/admin/pages/moves"],
      ["POST", "/api/admin/pages/move"],
      ["POST", "/api/admin/pages/alias"],
      ["POST", "/api/admin/pages/merge"],
      ["POST", "/api/admin/pages/undo"],
    ] as const) {
      const res = await t.call(method, path, method === "POST" ? { from: "/a/", to: "/b/" } : undefined);
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });
});
