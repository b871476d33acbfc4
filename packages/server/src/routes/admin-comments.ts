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
import type { AppContext } from "../context.js";
import { fail } from "../errors.js";
import { readJson } from "../middleware/body.js";
import { renderMarkdown } from "../render/markdown.js";
import { avatarHash, newId } from "../security/crypto.js";
import { toAdminComment } from "../serialize.js";
import type { CommentRecord } from "../store/types.js";
import * as v from "../validate.js";

const TARGET: Record<BulkAction, AdminCommentStatus> = {
  approve: "approved",
  spam: "spam",
  delete: "deleted",
  restore: "approved",
};
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

function markdownBody(value: unknown): string {
  return v.text(value, { field: "body", min: LIMITS.bodyMin, max: LIMITS.bodyMax, multiline: true })!;
}

/** An author's own deletion erased the text: there is nothing to bring back. */
function refuseEmptyRestore(records: CommentRecord[], action: BulkAction): void {
  if (action !== "restore" && action !== "approve") return;
  const gone = records.find((r) => r.status === "deleted" && r.body === "");
  if (gone) throw fail("comment_deleted", "Its author deleted this comment; its text is gone for good.");
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
    const res = await store.listAdmin({
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
    const a = action as BulkAction;
    const current = await Promise.all(ids.map((id) => store.getComment(id)));
    const found = current.filter((r): r is CommentRecord => r !== null);
    const restorable = found.filter(
      (r) => !((a === "restore" || a === "approve") && r.status === "deleted" && !r.body),
    );
    const updated = await store.admin.setStatuses(
      restorable.map((r) => r.id),
      TARGET[a],
      a === "spam" ? "manual" : undefined,
    );
    return c.json({ comments: await adminView(ctx, updated) });
  });

  for (const action of BULK_ACTIONS) {
    app.post(`/:id/${action}`, async (c) => {
      const record = await store.getComment(v.id(c.req.param("id"), "id"));
      if (!record) throw fail("comment_not_found", "No such comment.");
      refuseEmptyRestore([record], action);
      const [updated] = await store.admin.setStatuses(
        [record.id],
        TARGET[action],
        action === "spam" ? "manual" : undefined,
      );
      if (!updated) throw fail("comment_not_found", "No such comment.");
      const [comment] = await adminView(ctx, [updated]);
      return c.json({ comment });
    });
  }

  app.patch("/:id", async (c) => {
    const id = v.id(c.req.param("id"), "id");
    const input = await readJson(c);
    const markdown = markdownBody(input.body);
    const record = await store.getComment(id);
    if (!record) throw fail("comment_not_found", "No such comment.");
    const updated = await store.updateComment(id, {
      body: markdown,
      html: renderMarkdown(markdown),
      editedAt: new Date().toISOString(),
    });
    if (!updated) throw fail("comment_not_found", "No such comment.");
    const [comment] = await adminView(ctx, [updated]);
    return c.json({ comment });
  });

  app.post("/:id/reply", async (c) => {
    const parentId = v.id(c.req.param("id"), "id");
    const input = await readJson(c);
    const markdown = markdownBody(input.body);
    const name = v.text(input.name, { field: "name", max: LIMITS.nameMax }) ?? "Moderator";
    const parent = await store.getComment(parentId);
    if (!parent || parent.status === "spam")
      throw fail("parent_not_found", "The comment you reply to does not exist.");
    // Answering a held comment publishes it, as a moderator's reply would otherwise hang in the air.
    if (parent.status === "pending") await store.admin.setStatuses([parent.id], "approved");
    const record = await store.createComment({
      id: newId(),
      site: parent.site,
      page: parent.page,
      parentId: parent.id,
      authorName: name,
      authorEmail: null,
      authorWebsite: null,
      avatar: avatarHash(await ctx.secret(), null, `moderator:${name}`),
      isModerator: true,
      body: markdown,
      html: renderMarkdown(markdown),
      status: "approved",
      reasons: [],
      editTokenHash: null,
      ipHash: null,
      createdAt: new Date().toISOString(),
    });
    const [comment] = await adminView(ctx, [record]);
    return c.json({ comment }, 201);
  });

  return app;
}
