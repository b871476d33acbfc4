/**
 * `/api/comments`: list a page's threads, create, edit and delete with the edit token.
 */
import type { CommentResponse, CreateCommentResponse } from "@causette/types";
import { Hono } from "hono";
import { CreateComment, commentId, EditComment, parse } from "../comments/schemas.js";
import { type AppContext, countWrite } from "../context.js";
import { CausetteError } from "../errors.js";
import { readJson } from "../middleware/body.js";
import { toPublicComment } from "../serialize.js";
import { honoRead, type ThreadGets, threadGets } from "./thread-get.js";

function bearer(header: string | undefined): string {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match)
    throw new CausetteError("bad_token", "Send the edit token as Authorization: Bearer <token>.", {
      status: 401,
    });
  return match[1]!;
}

export function commentRoutes(ctx: AppContext, gets: ThreadGets = threadGets(ctx)): Hono {
  const app = new Hono();

  app.get("/", async (c) => {
    const answer = await gets.json(honoRead(ctx, c));
    return answer.body === null
      ? c.body(null, answer.status, answer.headers)
      : c.body(answer.body, answer.status, answer.headers);
  });

  app.post("/", async (c) => {
    const input = parse(CreateComment, await readJson(c));
    const ipHash = await countWrite(ctx, c);
    // E-mail notifications (ignored by a server without e-mail), written with the comment; the
    // store follows nothing for a spam verdict (a bot caught by the honeypot included, though
    // it is answered as a person).
    const follow = input.notify && ctx.mail ? ctx.mail.follow(input.notify, input.lang ?? null) : null;
    const { comment, editToken } = await ctx.comments.create(
      input,
      { ipHash, origin: c.req.header("Origin") ?? null },
      follow,
    );
    // A confirmation e-mail may be waiting: the sender need not wait for its next poll.
    if (follow) ctx.outbox.kick();
    const response: CreateCommentResponse = { comment: toPublicComment(comment), editToken };
    return c.json(response, 201);
  });

  app.patch("/:id", async (c) => {
    const id = parse(commentId("id"), c.req.param("id"), "id");
    const token = bearer(c.req.header("Authorization"));
    const { body } = parse(EditComment, await readJson(c));
    await countWrite(ctx, c);
    return c.json({
      comment: toPublicComment(await ctx.comments.edit(id, token, body)),
    } satisfies CommentResponse);
  });

  app.delete("/:id", async (c) => {
    const id = parse(commentId("id"), c.req.param("id"), "id");
    const token = bearer(c.req.header("Authorization"));
    await countWrite(ctx, c);
    return c.json({
      comment: toPublicComment(await ctx.comments.remove(id, token)),
    } satisfies CommentResponse);
  });

  return app;
}
