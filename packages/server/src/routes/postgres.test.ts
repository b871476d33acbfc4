/**
 * Every public route, in-process, on PostgreSQL (the SQLite runs are in the files beside
 * this one). Skips, saying so, when DATABASE_URL is not set.
 */
import type { CreateCommentResponse } from "@causette/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, post, type TestApp, testApp } from "../test-utils/app.js";
import { html, microdata } from "../test-utils/fragment.js";
import { DATABASE_URL, postgresStore } from "../test-utils/stores.js";

if (!DATABASE_URL) console.log("[routes on PostgreSQL] DATABASE_URL is not set: skipping");

describe.skipIf(!DATABASE_URL)("every route on PostgreSQL", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ moderation: "none" }, () => postgresStore("routes_pg"));
  });
  afterAll(async () => t?.cleanup());

  it("creates, threads, lists, edits, votes, deletes, counts and shares", async () => {
    const root = (await json(
      await t.call(
        "POST",
        "/api/comments",
        post("/pg/", {
          pageTitle: "PG",
          pageUrl: "http://localhost:4000/pg/",
          author: { name: "A", email: "a@x.org" },
        }),
        { Origin: "http://localhost:4000" },
      ),
    )) as CreateCommentResponse;
    expect(root.comment.status).toBe("approved");
    const reply = (await json(
      await t.call("POST", "/api/comments", post("/pg/", { parentId: root.comment.id, body: "a **reply**" })),
    )) as CreateCommentResponse;
    expect(reply.comment.html).toBe("<p>a <strong>reply</strong></p>");
    const elsewhere = await t.call(
      "POST",
      "/api/comments",
      post("/pg-other/", { parentId: root.comment.id }),
    );
    expect((await json(elsewhere)).error.code).toBe("parent_not_on_page");

    let listed = await json(await t.call("GET", "/api/comments?page=/pg/"));
    expect(listed.page).toMatchObject({ title: "PG", commentCount: 2 });
    expect(listed.comments.map((c: { id: string }) => c.id)).toEqual([root.comment.id, reply.comment.id]);

    const auth = { Authorization: `Bearer ${root.editToken}` };
    const edited = await t.call("PATCH", `/api/comments/${root.comment.id}`, { body: "edited" }, auth);
    expect(edited.status).toBe(200);
    const votes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.call(
          "POST",
          `/api/comments/${reply.comment.id}/vote`,
          { value: 1 },
          { "X-Causette-Voter": `v${i}` },
        ),
      ),
    );
    expect(votes.every((r) => r.status === 200)).toBe(true);
    expect((await t.store.getComment(reply.comment.id))!.score).toBe(12);

    const deleted = await t.call("DELETE", `/api/comments/${root.comment.id}`, undefined, auth);
    expect((await json(deleted)).comment.status).toBe("deleted");
    listed = await json(await t.call("GET", "/api/comments?page=/pg/"));
    expect(listed.comments.map((c: { status: string }) => c.status)).toEqual(["deleted", "approved"]);
    expect(listed.comments[0].html).toBe("");

    expect(await json(await t.call("GET", "/api/counts?page=/pg/&page=/none/"))).toEqual({
      counts: { "/pg/": 1, "/none/": 0 },
    });
    expect((await t.call("POST", "/api/shares", { page: "/pg/", network: "mastodon" })).status).toBe(204);
    expect(await json(await t.call("GET", "/api/shares?page=/pg/"))).toEqual({
      total: 1,
      networks: { mastodon: 1 },
    });

    await t.store.setPageLocked("default", "/pg/", true);
    expect((await t.call("POST", "/api/comments", post("/pg/"))).status).toBe(403);
    expect(await json(await t.call("GET", "/healthz"))).toEqual({ ok: true, database: "ok" });
  });

  it("renders the HTML fragment from the same thread, and a write shows at once", async () => {
    const root = (await json(
      await t.call("POST", "/api/comments", post("/pg-html/", { author: { name: "Root <b>" } })),
    )) as CreateCommentResponse;
    const first = await t.call("GET", "/api/comments.html?page=/pg-html/");
    expect(first.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const etag = first.headers.get("ETag")!;
    let doc = html(await first.text());
    expect(microdata(doc.getElementById(`comment-${root.comment.id}`)!)).toMatchObject({
      author: { name: "Root <b>" },
      dateCreated: root.comment.createdAt,
      upvoteCount: "0",
    });
    expect(
      (await t.call("GET", "/api/comments.html?page=/pg-html/", undefined, { "If-None-Match": etag })).status,
    ).toBe(304);
    // The page version read just before is trusted until an event of the page forgets it.
    const reply = (await json(
      await t.call("POST", "/api/comments", post("/pg-html/", { parentId: root.comment.id })),
    )) as CreateCommentResponse;
    const after = await t.call("GET", "/api/comments.html?page=/pg-html/", undefined, {
      "If-None-Match": etag,
    });
    expect(after.status).toBe(200);
    doc = html(await after.text());
    expect(doc.getElementById(`comment-${reply.comment.id}`)!.parentElement!.closest("article")!.id).toBe(
      `comment-${root.comment.id}`,
    );
    const bad = await t.call("GET", "/api/comments.html?page=/pg-html/&sort=best");
    expect([bad.status, (await json(bad)).error.field]).toEqual([400, "sort"]);
  });

  it("stores NUL-free text from hostile input (PostgreSQL refuses NUL in text)", async () => {
    const res = await t.call(
      "POST",
      "/api/comments",
      post("/pg-nul/\u0000", { author: { name: "N\u0000" }, body: "a\u0000b \ud800 lone" }),
    );
    expect(res.status).toBe(201);
    expect((await json(res)).comment.html).toBe("<p>ab \ufffd lone</p>");
  });
});
