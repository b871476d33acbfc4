/**
 * `/api/comments`: list a page's threads, create, edit and delete with the edit token.
 */
import type { CommentResponse, CreateCommentResponse } from "@causette/types";
import { Hono } from "hono";
import { CreateComment, commentId, EditComment, parse } from "../comments/schemas.js";
import { type AppContext, countWrite } from "../context.js";
import { CausetteError } from "../errors.js";
import { readJson } from "../middleware/body.js";
import { issueFormToken } from "../security/form-token.js";
import { toPublicComment } from "../serialize.js";
import { threadReader } from "./thread-read.js";

function bearer(header: string | undefined): string {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match)
    throw new CausetteError("bad_token", "Send the edit token as Authorization: Bearer <token>.", {
      status: 401,
    });
  return match[1]!;
}

export function commentRoutes(ctx: AppContext): Hono {
  const { cache } = ctx;
  const app = new Hono();

  const reads = threadReader(ctx);

  // One form token per second, shared by every read of that second.
  let token = { second: -1, value: "" };
  async function formToken(second: number): Promise<string> {
    if (token.second !== second) token = { second, value: issueFormToken(await ctx.secret(), second * 1000) };
    return token.value;
  }

  app.get("/", async (c) => {
    const query = await reads.query(c.req.query());
    const json = await reads.json(query, await reads.version(query));
    const second = Math.floor(Date.now() / 1000);
    const out = cache.body(
      query.key,
      json,
      await formToken(second),
      second,
      c.req.header("Accept-Encoding") ?? "",
    );
    const headers: Record<string, string> = {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-cache",
      Vary: "Accept-Encoding",
    };
    if (out.encoding) headers["Content-Encoding"] = out.encoding;
    return c.body(out.bytes as Uint8Array<ArrayBuffer>, 200, headers);
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
