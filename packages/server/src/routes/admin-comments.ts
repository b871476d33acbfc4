/**
 * `/api/admin/comments`: the list with filters, one-click and bulk status changes, edits,
 * and replies as moderator. Mounted behind the session check of `admin.ts`.
 */
import {
  ADMIN_COMMENT_STATUSES,
  type AdminComment,
  type AdminCommentStatus,
  BULK_ACTIONS,
  type BulkAction,
  LIMITS,
} from "@causette/types";
import { Hono } from "hono";
import { AdminReply, EditComment, parse } from "../comments/schemas.js";
import type { AppContext } from "../context.js";
import { fail } from "../errors.js";
import { readJson } from "../middleware/body.js";
import { toAdminComment } from "../serialize.js";
import type { CommentRecord } from "../store/types.js";
import * as v from "../validate.js";

const BULK_MAX = 200;
const PAGE_SIZE = 50;

/** Admin views of records, with what the page needs to show about their pages. */
export async function adminView(ctx: AppContext, records: CommentRecord[]): Promise<AdminComment[]> {
  const keys = [
    ...new Map(records.map((r) => [`${r.site}\u0000${r.page}`, { site: r.site, page: r.page }])).values(),
  ];
  const pages = await ctx.store.admin.pagesFor(keys);
  const byKey = new Map(pages.map((p) => [`${p.site}\u0000${p.path}`, p]));
  return records.map((r) => {
    const page = byKey.get(`${r.site}\u0000${r.page}`);
    return {
      ...toAdminComment(r),
      ipHash: r.ipHash,
      pageUrl: page?.url ?? null,
      pageTitle: page?.title ?? null,
      pageLocked: page?.locked ?? false,
    };
  });
}

export function adminCommentRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const { store } = ctx;

  app.get("/", async (c) => {
    const q = c.req.query();
    if (q.status && !(ADMIN_COMMENT_STATUSES as readonly string[]).includes(q.status))
      throw fail("invalid_field", `status must be one of ${ADMIN_COMMENT_STATUSES.join(", ")}.`, "status");
    const site = v.text(q.site, { field: "site", max: LIMITS.siteMax }) ?? undefined;
    const page = v.text(q.page, { field: "page", max: LIMITS.pageIdMax }) ?? undefined;
    const text = v.text(q.q, { field: "q", max: 200 }) ?? undefined;
    const res = await store.admin.listComments({
      site,
      page,
      q: text,
      status: (q.status || undefined) as AdminCommentStatus | undefined,
      cursor: q.cursor || null,
      limit: v.integerParam(q.limit, "limit", 1, 200, PAGE_SIZE),
    });
    return c.json({ comments: await adminView(ctx, res.comments), nextCursor: res.nextCursor });
  });

  app.post("/bulk", async (c) => {
    const input = await readJson(c);
    const action = input.action;
    if (typeof action !== "string" || !(BULK_ACTIONS as readonly string[]).includes(action))
      throw fail("invalid_field", `action must be one of ${BULK_ACTIONS.join(", ")}.`, "action");
    if (!Array.isArray(input.ids) || input.ids.length === 0 || input.ids.length > BULK_MAX)
      throw fail("invalid_field", `ids must be a list of 1 to ${BULK_MAX} comment ids.`, "ids");
    const ids = [...new Set(input.ids.map((id) => v.id(id, "ids")))];
    // A bulk action skips what it cannot do rather than failing the whole list.
    const updated = await ctx.comments.moderate(ids, action as BulkAction, undefined, { skipErased: true });
    return c.json({ comments: await adminView(ctx, updated) });
  });

  for (const action of BULK_ACTIONS) {
    app.post(`/:id/${action}`, async (c) => {
      const [updated] = await ctx.comments.moderate([v.id(c.req.param("id"), "id")], action);
      if (!updated) throw fail("comment_not_found", "No such comment.");
      const [comment] = await adminView(ctx, [updated]);
      return c.json({ comment });
    });
  }

  app.patch("/:id", async (c) => {
    const id = v.id(c.req.param("id"), "id");
    const { body } = parse(EditComment, await readJson(c));
    const [comment] = await adminView(ctx, [await ctx.comments.moderatorEdit(id, body)]);
    return c.json({ comment });
  });

  app.post("/:id/reply", async (c) => {
    const parentId = v.id(c.req.param("id"), "id");
    const { body, name } = parse(AdminReply, await readJson(c));
    const [comment] = await adminView(ctx, [await ctx.comments.moderatorReply(parentId, body, name)]);
    return c.json({ comment }, 201);
  });

  return app;
}
