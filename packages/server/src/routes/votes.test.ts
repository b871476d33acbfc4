import type { CreateCommentResponse } from "@causette/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, post, type TestApp, testApp } from "../test-utils/app.js";
import { DATABASE_URL, postgresStore } from "../test-utils/stores.js";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.cleanup());

async function newComment(app: TestApp, page = "/votes/") {
  const res = await app.call("POST", "/api/comments", post(page));
  return ((await json(res)) as CreateCommentResponse).comment.id;
}
const vote = (app: TestApp, id: string, value: unknown, voter = "voter-1") =>
  app.call("POST", `/api/comments/${id}/vote`, { value }, { "X-Causette-Voter": voter });

describe("POST /api/comments/:id/vote", () => {
  it("keeps one changeable vote per voter and returns the score", async () => {
    const id = await newComment(t);
    expect(await json(await vote(t, id, 1))).toEqual({ score: 1, myVote: 1 });
    expect(await json(await vote(t, id, 1))).toEqual({ score: 1, myVote: 1 });
    expect(await json(await vote(t, id, 1, "voter-2"))).toEqual({ score: 2, myVote: 1 });
    expect(await json(await vote(t, id, -1))).toEqual({ score: 0, myVote: -1 });
    expect(await json(await vote(t, id, 0))).toEqual({ score: 1, myVote: 0 });
    const listed = await json(await t.call("GET", "/api/comments?page=/votes/"));
    expect(listed.comments[0].score).toBe(1);
  });

  it("refuses a missing voter header, bad values and unknown comments", async () => {
    const id = await newComment(t);
    const noVoter = await t.call("POST", `/api/comments/${id}/vote`, { value: 1 });
    expect(noVoter.status).toBe(400);
    expect((await json(noVoter)).error.field).toBe("X-Causette-Voter");
    for (const value of [2, "1", null, 0.5, true]) expect((await vote(t, id, value)).status).toBe(400);
    expect((await vote(t, "unknown", 1)).status).toBe(404);
  });

  it("keeps the score exact under 50 concurrent votes", async () => {
    const id = await newComment(t);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => vote(t, id, i % 5 === 0 ? -1 : 1, `concurrent-${i}`)),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect((await t.store.getComment(id))!.score).toBe(40 - 10);
  });
});

describe.skipIf(!DATABASE_URL)("votes on PostgreSQL", () => {
  it("keeps the score exact under concurrent votes from one voter and many", async () => {
    const pgApp = await testApp({}, () => postgresStore("votes_route"));
    try {
      const id = await newComment(pgApp);
      await Promise.all(Array.from({ length: 40 }, (_, i) => vote(pgApp, id, i % 2 ? 1 : -1, `v${i % 20}`)));
      const stored = await pgApp.store.getComment(id);
      const exported = await pgApp.store.exportAll();
      const sum = exported.votes.filter((v) => v.commentId === id).reduce((a, v) => a + v.value, 0);
      expect(stored!.score).toBe(sum);
    } finally {
      await pgApp.cleanup();
    }
  });
});
