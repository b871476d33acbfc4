import type { Comment, CreateCommentResponse, ListCommentsResponse } from "@causette/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueFormToken } from "../security/form-token.js";
import { json, post, type TestApp, testApp } from "../test-utils/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.cleanup());

async function create(body: unknown, headers?: Record<string, string>) {
  const res = await t.call("POST", "/api/comments", body, headers);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json(res)) as CreateCommentResponse;
}

async function list(query: string) {
  const res = await t.call("GET", `/api/comments?${query}`);
  expect(res.status).toBe(200);
  return (await json(res)) as ListCommentsResponse & { formToken: string };
}

describe("POST /api/comments", () => {
  it("creates a comment with rendered, safe HTML, an avatar hash and a strong edit token", async () => {
    const { comment, editToken } = await create(
      post("/create/", {
        pageTitle: "A post",
        pageUrl: "http://localhost:4000/create/",
        author: { name: " Ana ", email: "Ana@Example.org", website: "javascript:alert(1)" },
        body: "Hi *there* https://example.org <b>raw</b>",
      }),
      { Origin: "http://localhost:4000" },
    );
    expect(comment).toMatchObject({
      page: "/create/",
      parentId: null,
      status: "approved",
      score: 0,
      editedAt: null,
    });
    expect(comment.author).toMatchObject({ name: "Ana", website: null, isModerator: false });
    expect(comment.author.avatar).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(comment)).not.toMatch(/example\.org"?,?\s*"email|Ana@Example/i);
    expect(comment.html).toBe(
      '<p>Hi <em>there</em> <a href="https://example.org" rel="nofollow ugc noopener noreferrer">https://example.org</a> &lt;b&gt;raw&lt;/b&gt;</p>',
    );
    expect(Buffer.from(editToken, "base64url").length).toBeGreaterThanOrEqual(16);
    const { page } = await list("page=/create/");
    expect(page).toEqual({
      id: "/create/",
      title: "A post",
      url: "http://localhost:4000/create/",
      commentCount: 1,
      locked: false,
    });
  });

  it("refuses page ids that are not paths and site names outside their alphabet, naming the field", async () => {
    for (const page of [
      "https://blog.example/post/",
      "//evil.example/x",
      "post-12",
      "/a b/",
      "/tab\there/",
    ]) {
      const res = await t.call("POST", "/api/comments", post(page));
      expect(res.status, page).toBe(400);
      expect((await json(res)).error).toMatchObject({ code: "invalid_field", field: "page" });
    }
    for (const site of ["a b", "../x", "<script>", "é"]) {
      const res = await t.call("POST", "/api/comments", post("/ok/", { site }));
      expect(res.status, site).toBe(400);
      expect((await json(res)).error).toMatchObject({ code: "invalid_field", field: "site" });
    }
    expect((await t.call("POST", "/api/comments", post("/ok/", { site: "blog.example-2_fr" }))).status).toBe(
      201,
    );
  });

  it("takes a page's title and URL only from its own pages", async () => {
    const phish = { pageTitle: "CHEAP PILLS", pageUrl: "https://phish.example/login" };
    const res = await create(post("/named/", phish), { Origin: "http://localhost:4000" });
    expect(res.comment.status).toBe("approved");
    expect((await list("page=/named/")).page).toMatchObject({ title: null, url: null });
    // Without an Origin (a script), only a URL of an allowed blog names the page: none here.
    await create(post("/named/", { pageTitle: "Scripted", pageUrl: "http://localhost:4000/named/" }));
    expect((await list("page=/named/")).page).toMatchObject({ title: null, url: null });
    await create(post("/named/", { pageTitle: "Named", pageUrl: "http://localhost:4000/named/" }), {
      Origin: "http://localhost:4000",
    });
    expect((await list("page=/named/")).page).toMatchObject({
      title: "Named",
      url: "http://localhost:4000/named/",
    });
  });

  it("gives the same avatar for the same e-mail in any case, and never the e-mail", async () => {
    const a = await create(post("/avatar/", { author: { name: "X", email: "z@x.org" } }));
    const b = await create(post("/avatar/", { author: { name: "Y", email: "Z@X.ORG" } }));
    expect(a.comment.author.avatar).toBe(b.comment.author.avatar);
    const text = await (await t.call("GET", "/api/comments?page=/avatar/")).text();
    expect(text).not.toContain("z@x.org");
  });

  it("threads replies and refuses unknown parents or parents on another page", async () => {
    const root = await create(post("/threads/"));
    const reply = await create(post("/threads/", { parentId: root.comment.id }));
    const deeper = await create(post("/threads/", { parentId: reply.comment.id }));
    expect(deeper.comment.parentId).toBe(reply.comment.id);
    let res = await t.call("POST", "/api/comments", post("/threads/", { parentId: "missing" }));
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe("parent_not_found");
    res = await t.call("POST", "/api/comments", post("/other/", { parentId: root.comment.id }));
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe("parent_not_on_page");
    const { comments } = await list("page=/threads/");
    expect(comments.map((c: Comment) => c.id)).toEqual([
      root.comment.id,
      reply.comment.id,
      deeper.comment.id,
    ]);
  });

  it("looks successful but never publishes a filled honeypot, even one filled with spaces", async () => {
    // Moderation is off here: a real comment answers "approved", so the bot's must too.
    const real = await create(post("/honey/", { body: "a real one" }));
    expect(real.comment.status).toBe("approved");
    const { comment } = await create(post("/honey/", { hp: "http://spam.example" }));
    expect(comment.status).toBe("approved");
    expect((await create(post("/honey/", { hp: "   ", body: "spaces" }))).comment.status).toBe("approved");
    await t.store.updateComment(real.comment.id, { status: "deleted", body: "", html: "" });
    const { comments, page } = await list("page=/honey/");
    expect(comments).toEqual([]);
    expect(page.commentCount).toBe(0);
    const stored = (await t.store.admin.listComments({ page: "/honey/", status: "spam", limit: 5 })).comments;
    expect(stored).toHaveLength(2);
    for (const s of stored) expect(s).toMatchObject({ status: "spam", reasons: ["honeypot"] });
  });

  it("refuses new comments on a locked page with 403 page_locked", async () => {
    await t.store.setPageLocked("default", "/closed/", true);
    const res = await t.call("POST", "/api/comments", post("/closed/"));
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe("page_locked");
    expect((await list("page=/closed/")).page.locked).toBe(true);
  });

  it("stores only a keyed hash of the client address", async () => {
    const { comment } = await create(post("/ip/"), { "X-Forwarded-For": "203.0.113.9" });
    const stored = await t.store.getComment(comment.id);
    expect(stored!.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain("203.0.113.9");
  });
});

describe("GET /api/comments", () => {
  it("answers an empty page for a page never seen, with a fresh form token", async () => {
    const body = await list("page=/never/");
    expect(body.comments).toEqual([]);
    expect(body.nextCursor).toBeNull();
    expect(body.page).toMatchObject({ commentCount: 0, locked: false });
    expect(body.formToken).toMatch(/^[0-9a-z]+\.[\w-]+$/);
  });

  it("paginates root threads with all their replies, in every sort", async () => {
    const roots: string[] = [];
    for (let i = 0; i < 5; i++) roots.push((await create(post("/many/", { body: `root ${i}` }))).comment.id);
    const reply = await create(post("/many/", { parentId: roots[0], body: "reply" }));
    const first = await list("page=/many/&limit=2");
    expect(first.comments.map((c) => c.id)).toEqual([roots[0], reply.comment.id, roots[1]]);
    const second = await list(`page=/many/&limit=2&cursor=${first.nextCursor}`);
    expect(second.comments.map((c) => c.id)).toEqual([roots[2], roots[3]]);
    const newest = await list("page=/many/&sort=newest&limit=1");
    expect(newest.comments[0]!.id).toBe(roots[4]);
    await t.call("POST", `/api/comments/${roots[2]}/vote`, { value: 1 }, { "X-Causette-Voter": "v1" });
    const top = await list("page=/many/&sort=top&limit=1");
    expect(top.comments[0]!.id).toBe(roots[2]);
    expect(first.page.commentCount).toBe(6);
  });

  it("answers new writes at once (the cache follows the page version)", async () => {
    await create(post("/cached/"));
    expect((await list("page=/cached/")).comments).toHaveLength(1);
    expect((await list("page=/cached/")).comments).toHaveLength(1);
    await create(post("/cached/"));
    expect((await list("page=/cached/")).comments).toHaveLength(2);
  });

  it("compresses large threads with brotli or gzip as asked", async () => {
    for (let i = 0; i < 10; i++) await create(post("/big/", { body: `comment number ${i} `.repeat(20) }));
    for (const enc of ["br", "gzip"]) {
      const res = await t.app.request("/api/comments?page=/big/", { headers: { "Accept-Encoding": enc } });
      expect(res.headers.get("content-encoding")).toBe(enc);
      expect(res.headers.get("vary")).toContain("Accept-Encoding");
    }
  });

  it("rejects a bad sort, limit or missing page with 400 and the field", async () => {
    for (const [q, field] of [
      ["page=/x/&sort=best", "sort"],
      ["page=/x/&limit=abc", "limit"],
      ["", "page"],
    ]) {
      const res = await t.call("GET", `/api/comments?${q}`);
      expect(res.status).toBe(400);
      expect((await json(res)).error.field).toBe(field);
    }
  });
});

describe("PATCH and DELETE /api/comments/:id", () => {
  it("edits with the token, refuses a wrong or missing one", async () => {
    const { comment, editToken } = await create(post("/edit/"));
    let res = await t.call("PATCH", `/api/comments/${comment.id}`, { body: "new **text**" });
    expect(res.status).toBe(401);
    res = await t.call(
      "PATCH",
      `/api/comments/${comment.id}`,
      { body: "x" },
      { Authorization: "Bearer nope" },
    );
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe("bad_token");
    res = await t.call(
      "PATCH",
      `/api/comments/${comment.id}`,
      { body: "new **text**" },
      { Authorization: `Bearer ${editToken}` },
    );
    expect(res.status).toBe(200);
    const edited = (await json(res)).comment as Comment;
    expect(edited.html).toBe("<p>new <strong>text</strong></p>");
    expect(edited.editedAt).not.toBeNull();
    expect((await list("page=/edit/")).comments[0]!.html).toBe(edited.html);
  });

  it("deletes, keeping a placeholder while replies remain, then 409 on edits and votes", async () => {
    const { comment, editToken } = await create(post("/delete/"));
    const reply = await create(post("/delete/", { parentId: comment.id }));
    const auth = { Authorization: `Bearer ${editToken}` };
    const res = await t.call("DELETE", `/api/comments/${comment.id}`, undefined, auth);
    expect(res.status).toBe(200);
    const deleted = (await json(res)).comment as Comment;
    expect(deleted).toMatchObject({ status: "deleted", html: "" });
    expect(deleted.author.name).toBe("");
    const { comments, page } = await list("page=/delete/");
    expect(comments.map((c) => [c.id, c.status])).toEqual([
      [comment.id, "deleted"],
      [reply.comment.id, "approved"],
    ]);
    expect(page.commentCount).toBe(1);
    expect((await t.store.getComment(comment.id))!.body).toBe("");
    const patch = await t.call("PATCH", `/api/comments/${comment.id}`, { body: "again" }, auth);
    expect(patch.status).toBe(409);
    const vote = await t.call(
      "POST",
      `/api/comments/${comment.id}/vote`,
      { value: 1 },
      { "X-Causette-Voter": "a" },
    );
    expect(vote.status).toBe(409);
    // A deleted comment without replies disappears from the thread.
    const lone = await create(post("/delete2/"));
    await t.call("DELETE", `/api/comments/${lone.comment.id}`, undefined, {
      Authorization: `Bearer ${lone.editToken}`,
    });
    expect((await list("page=/delete2/")).comments).toEqual([]);
  });

  it("closes edits after the edit window", async () => {
    const short = await testApp({ editWindow: 0 });
    try {
      const res = await short.call("POST", "/api/comments", post("/window/"));
      const { comment, editToken } = (await json(res)) as CreateCommentResponse;
      await new Promise((r) => setTimeout(r, 5));
      const patch = await short.call(
        "PATCH",
        `/api/comments/${comment.id}`,
        { body: "late" },
        { Authorization: `Bearer ${editToken}` },
      );
      expect(patch.status).toBe(403);
      expect((await json(patch)).error.code).toBe("edit_window_closed");
    } finally {
      await short.cleanup();
    }
  });

  it("answers 404 for unknown ids", async () => {
    const res = await t.call(
      "PATCH",
      "/api/comments/unknown",
      { body: "x" },
      { Authorization: "Bearer abc" },
    );
    expect(res.status).toBe(404);
  });
});

describe("moderation modes", () => {
  it("'first' holds a new author until one comment with that e-mail is approved", async () => {
    const m = await testApp({ moderation: "first" });
    try {
      const first = (await json(
        await m.call("POST", "/api/comments", post("/mod/", { author: { name: "N", email: "n@x.org" } })),
      )) as CreateCommentResponse;
      expect(first.comment.status).toBe("pending");
      expect((await json(await m.call("GET", "/api/comments?page=/mod/"))).comments).toEqual([]);
      const anon = (await json(
        await m.call("POST", "/api/comments", post("/mod/")),
      )) as CreateCommentResponse;
      expect(anon.comment.status).toBe("pending");
      await m.store.updateComment(first.comment.id, { status: "approved" });
      const second = (await json(
        await m.call(
          "POST",
          "/api/comments",
          // Moderation on: a comment without the form's timestamp would be held (a soft signal).
          post("/mod/", {
            author: { name: "N", email: "N@X.org" },
            formToken: issueFormToken(await m.store.secret(), Date.now() - 10_000),
          }),
        ),
      )) as CreateCommentResponse;
      expect(second.comment.status).toBe("approved");
      const listed = await json(await m.call("GET", "/api/comments?page=/mod/"));
      expect(listed.comments.map((c: Comment) => c.id)).toEqual([first.comment.id, second.comment.id]);
    } finally {
      await m.cleanup();
    }
  });

  it("'all' holds everything", async () => {
    const m = await testApp({ moderation: "all" });
    try {
      const res = await m.call("POST", "/api/comments", post("/all/"));
      expect(((await json(res)) as CreateCommentResponse).comment.status).toBe("pending");
    } finally {
      await m.cleanup();
    }
  });
});
