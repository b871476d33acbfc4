import type { CreateCommentResponse } from "@causette/types";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { VOTES_PER_MINUTE, VOTES_PER_PAGE_HOUR } from "../middleware/rate-limit.js";
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

describe("vote limits", () => {
  it("bound the votes of one client on one page per hour, whatever voter ids it invents", async () => {
    const limited = await testApp({ rateLimit: 10, trustProxy: ["loopback"] });
    try {
      const from = { "X-Forwarded-For": "198.51.100.7" };
      const id = (await json(await limited.call("POST", "/api/comments", post("/ballot/"), from))).comment.id;
      const other = (await json(await limited.call("POST", "/api/comments", post("/elsewhere/"), from)))
        .comment.id;
      const ballot = (comment: string, n: number, ip = "198.51.100.7") =>
        limited.call(
          "POST",
          `/api/comments/${comment}/vote`,
          { value: 1 },
          {
            "X-Causette-Voter": `fresh-${n}`,
            "X-Forwarded-For": ip,
          },
        );
      // One client with a new voter id every time, spread over minutes so only the hourly bound bites.
      const statuses: number[] = [];
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
      try {
        for (let n = 0; n < VOTES_PER_PAGE_HOUR + 5; n++) {
          if (n > 0 && n % VOTES_PER_MINUTE === 0) vi.setSystemTime(Date.now() + 61_000);
          statuses.push((await ballot(id, n)).status);
        }
      } finally {
        vi.useRealTimers();
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(VOTES_PER_PAGE_HOUR);
      expect(statuses.at(-1)).toBe(429);
      expect((await limited.store.getComment(id))!.score).toBe(VOTES_PER_PAGE_HOUR);
      // Another page, and another client, have their own budget.
      expect((await ballot(other, 1000)).status).toBe(200);
      expect((await ballot(id, 1001, "198.51.100.8")).status).toBe(200);
    } finally {
      await limited.cleanup();
    }
  });

  it("do not use up the comment limit: ten likes, then a comment", async () => {
    const limited = await testApp({ rateLimit: 10, trustProxy: ["loopback"] });
    try {
      const from = { "X-Forwarded-For": "198.51.100.9" };
      const ids: string[] = [];
      for (let i = 0; i < 9; i++)
        ids.push((await json(await limited.call("POST", "/api/comments", post("/likes/"), from))).comment.id);
      for (const id of [...ids, ids[0]!])
        expect(
          (
            await limited.call(
              "POST",
              `/api/comments/${id}/vote`,
              { value: 1 },
              { ...from, "X-Causette-Voter": "me" },
            )
          ).status,
        ).toBe(200);
      expect((await limited.call("POST", "/api/comments", post("/likes/"), from)).status).toBe(201);
    } finally {
      await limited.cleanup();
    }
  });

  it("are off with CAUSETTE_RATE_LIMIT=0, like every per-client limit", async () => {
    const id = await newComment(t);
    const results = [];
    for (let n = 0; n < VOTES_PER_PAGE_HOUR + 5; n++)
      results.push((await vote(t, id, 1, `many-${n}`)).status);
    expect(results.every((status) => status === 200)).toBe(true);
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
