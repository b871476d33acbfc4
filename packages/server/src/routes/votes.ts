/** `POST /api/comments/:id/vote`: one vote per voter per comment, changeable. */
import { HEADERS, type VoteResponse } from "@causette/types";
import { Hono } from "hono";
import { commentId, parse, Vote } from "../comments/schemas.js";
import { type AppContext, countVote } from "../context.js";
import { fail } from "../errors.js";
import { readJson } from "../middleware/body.js";

export function voteRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.post("/:id/vote", async (c) => {
    const id = parse(commentId("id"), c.req.param("id"), "id");
    const voter = c.req.header(HEADERS.voter)?.trim();
    if (!voter || voter.length > 128)
      throw fail("invalid_field", `Send a ${HEADERS.voter} header (1–128 characters).`, HEADERS.voter);
    const { value } = parse(Vote, await readJson(c));
    // Votes are counted per client, and per client and page (a signal, not a ballot).
    const { score, myVote } = await ctx.comments.vote(id, voter, value, (comment) =>
      countVote(ctx, c, comment.site, comment.page),
    );
    return c.json({ score, myVote } satisfies VoteResponse);
  });
  return app;
}
