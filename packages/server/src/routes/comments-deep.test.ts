import type { ListCommentsResponse } from "@causette/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBatch } from "../comments/normalise.js";
import type { ImportComment } from "../store/types.js";
import { json, type TestApp, testApp } from "../test-utils/app.js";
import { storeTargets } from "../test-utils/stores.js";

const DEPTH = 10_000;
const START = Date.UTC(2025, 0, 1);
const at = (minute: number) => new Date(START + minute * 60_000).toISOString();

/** `length` comments on `page`, each replying to the one before; the first replies to `parent`. */
function chain(
  page: string,
  prefix: string,
  length: number,
  status: "approved" | "deleted",
  parent: string | null,
) {
  const out: ImportComment[] = [];
  for (let i = 0; i < length; i++)
    out.push({
      id: `${prefix}${i}`,
      site: "default",
      page,
      parentId: i ? `${prefix}${i - 1}` : parent,
      authorName: status === "deleted" ? "" : `Chain ${i}`,
      body: status === "deleted" ? "" : `Reply ${i}`,
      html: status === "deleted" ? "" : `<p>Reply ${i}</p>`,
      status,
      createdAt: at(i + 1),
    });
  return out;
}

/** `count` root comments on `page`, after the chain. */
function roots(page: string, count: number): ImportComment[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `root${i}`,
    site: "default",
    page,
    authorName: `Innocent ${i}`,
    body: `Root ${i}`,
    createdAt: at(DEPTH + 10 + i),
  }));
}

for (const { label, open } of storeTargets("comments_deep")) {
  describe(`a 10,000-deep reply chain (${label})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp({}, open);
      await importBatch(t.store, {
        comments: [...chain("/deep/", "x", DEPTH, "approved", null), ...roots("/deep/", 60)],
      });
      await importBatch(t.store, {
        comments: [
          {
            id: "top",
            site: "default",
            page: "/gone/",
            authorName: "Ann",
            body: "Still here",
            createdAt: at(0),
          },
          ...chain("/gone/", "g", DEPTH, "deleted", "top"),
        ],
      });
    }, 120_000);
    afterAll(async () => t?.cleanup());

    async function list(query: string): Promise<{ body: ListCommentsResponse; ms: number }> {
      const t0 = performance.now();
      const res = await t.call("GET", `/api/comments?${query}`);
      const ms = performance.now() - t0;
      expect(res.status, await res.clone().text()).toBe(200);
      return { body: (await json(res)) as ListCommentsResponse, ms };
    }

    it("lists it whole as one root thread of the first page, which stays paginated", async () => {
      const first = await list("page=/deep/");
      console.log(
        `[${label}] GET, first page with a ${DEPTH}-deep chain, uncached: ${first.ms.toFixed(0)} ms`,
      );
      const rootsOf = (b: ListCommentsResponse) =>
        b.comments.filter((c) => c.parentId === null).map((c) => c.id);
      // `limit` counts root threads (50 by default): the chain is one of them, with its replies.
      expect(rootsOf(first.body)).toEqual(["x0", ...Array.from({ length: 49 }, (_, i) => `root${i}`)]);
      expect(first.body.comments).toHaveLength(DEPTH + 49);
      expect(first.body.comments.at(DEPTH - 1)!.id).toBe(`x${DEPTH - 1}`);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await list(`page=/deep/&cursor=${first.body.nextCursor}`);
      expect(rootsOf(second.body)).toEqual(Array.from({ length: 11 }, (_, i) => `root${49 + i}`));
      expect(second.body.nextCursor).toBeNull();
      expect(first.ms).toBeLessThan(5_000);
    });

    it("answers a chain of deleted comments quickly, without the chain", async () => {
      const { body, ms } = await list("page=/gone/");
      console.log(`[${label}] GET, a ${DEPTH}-deep chain of deleted comments, uncached: ${ms.toFixed(0)} ms`);
      expect(body.comments.map((c) => c.id)).toEqual(["top"]);
      // Pruning one deleted leaf per pass took 8–10 s of CPU here, /healthz waiting behind it.
      expect(ms).toBeLessThan(3_000);
    });

    it("refuses any cursor it did not hand out: 400 invalid_field, field cursor", async () => {
      const { body } = await list("page=/deep/&limit=1");
      const good = body.nextCursor!;
      const top = (await list("page=/deep/&limit=1&sort=top")).body.nextCursor!;
      const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
      const bad = [
        "junk",
        "!!!!",
        b64([1, 2]),
        b64("text"),
        Buffer.from("{not json").toString("base64url"),
        `${good}.`,
        `${good}%3D%3D`,
        `.${good}`,
        b64({ i: "x0", c: at(1) }),
        b64({ c: at(1), i: "x0", extra: 1 }),
        b64({ c: "yesterday", i: "x0" }),
        b64({ c: at(1), i: 7 }),
        b64({ o: 1e300 }),
        b64({ o: -1 }),
        b64({ o: 1.5 }),
        top,
      ];
      for (const cursor of bad) {
        const res = await t.call("GET", `/api/comments?page=/deep/&cursor=${cursor}`);
        expect(res.status, cursor).toBe(400);
        expect((await json(res)).error, cursor).toMatchObject({ code: "invalid_field", field: "cursor" });
      }
      for (const cursor of [good, b64({ o: 1e300 }), "!!!!", b64({ c: at(1), i: "x0" })]) {
        const res = await t.call("GET", `/api/comments?page=/deep/&sort=top&cursor=${cursor}`);
        expect(res.status, cursor).toBe(400);
        expect((await json(res)).error, cursor).toMatchObject({ code: "invalid_field", field: "cursor" });
      }
      // The ones handed out still work, for their own sort.
      expect((await list(`page=/deep/&limit=1&cursor=${good}`)).body.comments[0]!.id).toBe("root0");
      expect((await list(`page=/deep/&limit=1&sort=top&cursor=${top}`)).body.comments).toHaveLength(1);
    });
  });
}
