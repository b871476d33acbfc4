/** `POST /api/comments/:id/vote`: one vote per voter per comment, changeable. */
import { HEADERS, type VoteResponse, type VoteValue } from "@causette/types";
import { Hono } from "hono";
import { type AppContext, countVote } from "../context.js";
import { fail } from "../errors.js";
import { readJson } from "../middleware/body.js";
import { keyedHash } from "../security/crypto.js";
import * as v from "../validate.js";

export function voteRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.post("/:id/vote", async (c) => {
    const id = v.id(c.req.param("id"), "id");
    const voter = c.req.header(HEADERS.voter)?.trim();
    if (!voter || voter.length > 128)
      throw fail("invalid_field", `Send a ${HEADERS.voter} header (1–128 characters).`, HEADERS.voter);
    const input = await readJson(c);
    const value = input.value;
    if (value !== 1 && value !== 0 && value !== -1)
      throw fail("invalid_field", "value must be 1, 0 or -1.", "value");
    const comment = await ctx.store.getComment(id);
    if (!comment || comment.status === "pending" || comment.status === "spam")
      throw fail("comment_not_found", "No such comment.");
    if (comment.status === "deleted") throw fail("comment_deleted", "This comment was deleted.");
    await countVote(ctx, c, comment.site, comment.page);
    // The widget's voter id is a random string; only a keyed hash of it is stored.
    const result: VoteResponse = await ctx.store.vote(
      id,
      keyedHash(await ctx.secret(), "voter", voter),
      value as VoteValue,
    );
    ctx.cache.forget(comment.site, comment.page);
    return c.json(result);
  });
  return app;
}
