/**
 * `/api/comments`: list a page's threads, create, edit and delete with the edit token.
 */
import {
  type CommentResponse,
  type CreateCommentResponse,
  LIMITS,
  type ListCommentsResponse,
  SORTS,
  type Sort,
} from "@causette/types";
import { Hono } from "hono";
import { CreateComment, commentId, EditComment, parse } from "../comments/schemas.js";
import { type AppContext, countWrite } from "../context.js";
import { CausetteError, fail } from "../errors.js";
import { readJson } from "../middleware/body.js";
import { issueFormToken } from "../security/form-token.js";
import { toPublicComment, visibleThread } from "../serialize.js";
import * as v from "../validate.js";

const PUBLIC_STATUSES = ["approved", "deleted"] as const;

function bearer(header: string | undefined): string {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match)
    throw new CausetteError("bad_token", "Send the edit token as Authorization: Bearer <token>.", {
      status: 401,
    });
  return match[1]!;
}

export function commentRoutes(ctx: AppContext): Hono {
  const { store, cache } = ctx;
  const app = new Hono();

  // SQLite answers the version from a prepared statement in microseconds; on PostgreSQL, a
  // version read holds while the event feed listens, until an event of the page (a write on
  // any server) forgets it (ThreadCache.trustVersions).
  async function pageVersion(site: string, page: string): Promise<number> {
    const known = cache.knownVersion(site, page);
    if (known !== undefined) return known;
    const epoch = cache.epoch;
    const version = await store.pageVersion(site, page);
    cache.rememberVersion(site, page, version, epoch);
    return version;
  }

  // One form token per second, shared by every read of that second.
  let token = { second: -1, value: "" };
  async function formToken(second: number): Promise<string> {
    if (token.second !== second) token = { second, value: issueFormToken(await ctx.secret(), second * 1000) };
    return token.value;
  }

  app.get("/", async (c) => {
    const q = c.req.query();
    const site = v.site(q.site);
    const page = await store.resolvePage(site, v.pageId(q.page));
    const sort = (q.sort ?? "oldest") as Sort;
    if (!(SORTS as readonly string[]).includes(sort))
      throw fail("invalid_field", `sort must be one of ${SORTS.join(", ")}.`, "sort");
    const limit = v.integerParam(q.limit, "limit", 1, LIMITS.pageSizeMax, LIMITS.pageSizeDefault);
    const cursor = q.cursor ? v.text(q.cursor, { field: "cursor", max: 500 }) : null;
    const key = [site, page, sort, limit, cursor ?? ""].join("\u0000");

    // Read the version first: a write landing meanwhile bumps it and the next read rebuilds.
    const version = await pageVersion(site, page);
    let json = cache.get(key, version);
    if (json === null) {
      const [info, counts, threads] = await Promise.all([
        store.getPage(site, page),
        store.countApproved(site, [page]),
        store.listThreads({ site, page, sort, limit, cursor, statuses: PUBLIC_STATUSES }),
      ]);
      const response: Omit<ListCommentsResponse, "formToken"> = {
        page: {
          id: page,
          title: info?.title ?? null,
          url: info?.url ?? null,
          commentCount: counts[page] ?? 0,
          locked: info?.locked ?? false,
        },
        comments: visibleThread(threads.comments).map(toPublicComment),
        nextCursor: threads.nextCursor,
      };
      json = JSON.stringify(response);
      cache.set(key, version, json);
    }
    const second = Math.floor(Date.now() / 1000);
    const out = cache.body(key, json, await formToken(second), second, c.req.header("Accept-Encoding") ?? "");
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
    const { comment, editToken } = await ctx.comments.create(input, {
      ipHash,
      origin: c.req.header("Origin") ?? null,
    });
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
