/**
 * `/api/admin/bans`: the block list. New comments matching an entry go to spam (see
 * moderation/rules.ts); `spamAll` also sends the existing ones there.
 */
import { BAN_KINDS, type BanKind, type BanResponse } from "@causette/types";
import { Hono } from "hono";
import type { AppContext } from "../context.js";
import { fail } from "../errors.js";
import { readJson } from "../middleware/body.js";
import { type BanEntry, blockedEmail, blockedIp, blockedWord } from "../moderation/rules.js";
import { newId } from "../security/crypto.js";
import type { CommentRecord } from "../store/types.js";
import * as v from "../validate.js";

/** The stored form of an entry, or a 400 naming what is wrong with it. */
export function normalizeBan(kind: BanKind, raw: unknown): string {
  const value = v.text(raw, { field: "value", min: 1, max: 254 })!;
  if (kind === "email") {
    const e = value.toLowerCase();
    if (!/^([^\s@]+@|@)[^\s@]+\.[^\s@]+$/.test(e))
      throw fail("invalid_field", "Enter an e-mail address, or @domain to block a whole domain.", "value");
    return e;
  }
  if (kind === "ip") {
    if (!/^[0-9a-f]{16,128}$/.test(value))
      throw fail("invalid_field", "An IP ban takes the client hash shown on a comment.", "value");
    return value;
  }
  if ([...value].length > 100)
    throw fail("invalid_field", "A blocked word is at most 100 characters.", "value");
  return value.toLowerCase();
}

function matches(record: CommentRecord, ban: BanEntry): boolean {
  const sub = {
    page: record.page,
    body: record.body,
    authorEmail: record.authorEmail,
    ipHash: record.ipHash,
  };
  const bans = [ban];
  return Boolean(blockedEmail(sub, bans) ?? blockedIp(sub, bans) ?? blockedWord(sub, bans));
}

export function adminBanRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const { store } = ctx;

  app.get("/", async (c) => c.json({ bans: await store.admin.listBans() }));

  app.post("/", async (c) => {
    const input = await readJson(c);
    const kind = input.kind;
    if (typeof kind !== "string" || !(BAN_KINDS as readonly string[]).includes(kind))
      throw fail("invalid_field", `kind must be one of ${BAN_KINDS.join(", ")}.`, "kind");
    const k = kind as BanKind;
    let raw = input.value;
    if (input.commentId !== undefined) {
      const record = await store.getComment(v.id(input.commentId, "commentId"));
      if (!record) throw fail("comment_not_found", "No such comment.");
      if (k === "word") throw fail("invalid_field", "Ban a comment's author by email or ip.", "kind");
      raw = k === "email" ? record.authorEmail : record.ipHash;
      if (!raw)
        throw fail(
          "invalid_field",
          `This comment has no ${k === "email" ? "e-mail address" : "client hash"}.`,
          "kind",
        );
    }
    const value = normalizeBan(k, raw);
    const note = v.text(input.note, { field: "note", max: 200 });
    const ban = await store.admin.addBan({
      id: newId(),
      kind: k,
      value,
      note,
      createdAt: new Date().toISOString(),
    });
    let marked = 0;
    if (input.spamAll === true) {
      const hits = (await store.admin.candidatesFor(k, value)).filter((r) => matches(r, ban));
      marked = hits.length
        ? (
            await ctx.comments.moderate(
              hits.map((r) => r.id),
              "spam",
              `blocked_${k}`,
              { skipErased: true },
            )
          ).length
        : 0;
    }
    const body: BanResponse = { ban, marked };
    return c.json(body, 201);
  });

  app.delete("/:id", async (c) => {
    if (!(await store.admin.removeBan(v.id(c.req.param("id"), "id"))))
      throw fail("not_found", "No such entry.");
    return c.body(null, 204);
  });

  return app;
}
