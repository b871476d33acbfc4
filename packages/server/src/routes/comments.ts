/**
 * `/api/comments`: list a page's threads, create, edit and delete with the edit token.
 */
import {
  type Comment,
  type CreateCommentResponse,
  LIMITS,
  type ListCommentsResponse,
  SORTS,
  type Sort,
} from "@causette/types";
import { Hono } from "hono";
import { type AppContext, countWrite } from "../context.js";
import { CausetteError, fail } from "../errors.js";
import { readJson } from "../middleware/body.js";
import { moderate } from "../moderation/moderate.js";
import { spamFacts } from "../moderation/spam-facts.js";
import { cleanWebsite, renderMarkdown } from "../render/markdown.js";
import { avatarHash, hashToken, newEditToken, newId, tokenMatches } from "../security/crypto.js";
import { formTokenAge, issueFormToken } from "../security/form-token.js";
import { toPublicComment, visibleThread } from "../serialize.js";
import type { CommentRecord } from "../store/types.js";
import * as v from "../validate.js";

const PUBLIC_STATUSES = ["approved", "deleted"] as const;

function body(value: unknown): string {
  return v.text(value, { field: "body", min: LIMITS.bodyMin, max: LIMITS.bodyMax, multiline: true })!;
}

function bearer(header: string | undefined): string {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match)
    throw new CausetteError("bad_token", "Send the edit token as Authorization: Bearer <token>.", {
      status: 401,
    });
  return match[1]!;
}

export function commentRoutes(ctx: AppContext): Hono {
  const { store, config, cache } = ctx;
  const app = new Hono();

  // SQLite answers the version from a prepared statement in microseconds; PostgreSQL is a
  // network round trip, so a version read in the last 250 ms is reused there.
  const versionTtl = store.dialect === "postgres" ? 250 : 0;
  async function pageVersion(site: string, page: string): Promise<number> {
    if (versionTtl) {
      const recent = cache.recentVersion(site, page, versionTtl);
      if (recent !== undefined) return recent;
    }
    const version = await store.pageVersion(site, page);
    if (versionTtl) cache.rememberVersion(site, page, version);
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
    const input = await readJson(c);
    const site = v.site(input.site);
    const page = await store.resolvePage(site, v.pageId(input.page));
    const author = input.author;
    if (!author || typeof author !== "object" || Array.isArray(author))
      throw fail("invalid_field", "author must be an object with a name.", "author");
    const a = author as Record<string, unknown>;
    const name = v.text(a.name, { field: "author.name", min: LIMITS.nameMin, max: LIMITS.nameMax })!;
    const email = v.email(a.email);
    const websiteRaw = v.text(a.website, { field: "author.website", max: LIMITS.websiteMax });
    const markdown = body(input.body);
    const parentId =
      input.parentId === undefined || input.parentId === null ? null : v.id(input.parentId, "parentId");
    const honeypot = typeof input.hp === "string" ? input.hp.trim() !== "" : Boolean(input.hp);

    const ipHash = await countWrite(ctx, c, site);
    const secret = await ctx.secret();
    const knownAuthor =
      config.moderation === "first" && email ? await store.hasApprovedAuthor(site, email) : false;
    const decision = moderate({
      mode: config.moderation,
      knownAuthor,
      honeypot,
      body: markdown,
      authorName: name,
      authorEmail: email,
      authorWebsite: websiteRaw,
      formAgeMs: formTokenAge(secret, input.formToken),
      isReply: parentId !== null,
      page,
      parentId,
      formTokenSent: typeof input.formToken === "string" && input.formToken !== "",
      ...(await spamFacts(ctx, site, ipHash)),
    });
    const editToken = newEditToken();
    const record = await store.createComment({
      id: newId(),
      site,
      page,
      pageTitle: v.truncated(input.pageTitle, LIMITS.pageTitleMax),
      pageUrl: cleanWebsite(v.truncated(input.pageUrl, LIMITS.pageUrlMax)),
      parentId,
      authorName: name,
      authorEmail: email,
      authorWebsite: cleanWebsite(websiteRaw),
      avatar: avatarHash(secret, email, name),
      body: markdown,
      html: renderMarkdown(markdown),
      status: decision.status,
      reasons: decision.reasons,
      editTokenHash: hashToken(editToken),
      ipHash,
      createdAt: new Date().toISOString(),
    });
    cache.forget(site, page);
    const response: CreateCommentResponse = { comment: toPublicComment(record), editToken };
    return c.json(response, 201);
  });

  /** The comment an edit token opens, within the edit window. */
  async function owned(id: string, authorization: string | undefined): Promise<CommentRecord> {
    const token = bearer(authorization);
    const record = await store.getComment(v.id(id, "id"));
    if (!record || record.status === "spam") throw fail("comment_not_found", "No such comment.");
    if (!tokenMatches(token, record.editTokenHash))
      throw fail("bad_token", "This edit token does not open this comment.");
    return record;
  }

  function withinWindow(record: CommentRecord): void {
    const age = Date.now() - Date.parse(record.createdAt);
    if (age > config.editWindow * 1000)
      throw fail(
        "edit_window_closed",
        `Comments can be changed for ${Math.round(config.editWindow / 60)} minutes only.`,
      );
  }

  app.patch("/:id", async (c) => {
    const record = await owned(c.req.param("id"), c.req.header("Authorization"));
    if (record.status === "deleted") throw fail("comment_deleted", "This comment was deleted.");
    withinWindow(record);
    const input = await readJson(c);
    const markdown = body(input.body);
    await countWrite(ctx, c, record.site);
    const updated = await store.updateComment(record.id, {
      body: markdown,
      html: renderMarkdown(markdown),
      editedAt: new Date().toISOString(),
    });
    if (!updated) throw fail("comment_not_found", "No such comment.");
    cache.forget(updated.site, updated.page);
    return c.json({ comment: toPublicComment(updated) satisfies Comment });
  });

  app.delete("/:id", async (c) => {
    const record = await owned(c.req.param("id"), c.req.header("Authorization"));
    if (record.status === "deleted") return c.json({ comment: toPublicComment(record) });
    withinWindow(record);
    await countWrite(ctx, c, record.site);
    // The author's own deletion removes the text for good; the row stays so replies keep their place.
    const updated = await store.updateComment(record.id, {
      status: "deleted",
      body: "",
      html: "",
      reasons: [...record.reasons, "deleted_by_author"],
    });
    if (!updated) throw fail("comment_not_found", "No such comment.");
    cache.forget(updated.site, updated.page);
    return c.json({ comment: toPublicComment(updated) });
  });

  return app;
}
