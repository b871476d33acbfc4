/**
 * Storage for moderation: admin sessions, login attempts, the block list, and the few
 * comment queries the admin page and the spam rules need beyond the core `Store`.
 * Reached as `store.admin`.
 */
import type { AdminCommentStatus, AdminPage, Ban, BanKind } from "@causette/types";
import type { Kysely, Transaction } from "kysely";
import { newId } from "../security/crypto.js";
import type { AdminTables } from "./admin-schema.js";
import { decodeCursor, encodeCursor, toComment, toPage } from "./rows.js";
import type { Database } from "./schema.js";
import type { AdminQuery, AdminStore, CommentRecord, NewBan, PageRecord, StatusChange } from "./types.js";

export type { AdminStore, NewBan };

import { type Journal, journaled } from "./journal.js";
import { bumpVersion } from "./versions.js";

function toBan(row: {
  id: string;
  kind: string;
  value: string;
  note: string | null;
  created_at: string;
}): Ban {
  return {
    id: row.id,
    kind: row.kind as BanKind,
    value: row.value,
    note: row.note,
    createdAt: row.created_at,
  };
}

/**
 * A LIKE pattern that finds `text` anywhere. SQLite and PostgreSQL escape differently, so
 * `%` and `_` in the text become `_` (any one character): the pattern may match a little
 * more, never less; callers filter the rows precisely afterwards.
 */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[%_]/g, "_")}%`;
}

export class KyselyAdminStore implements AdminStore {
  readonly db: Kysely<Database & AdminTables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<AdminTables>();
  }

  async createSession(tokenHash: string, createdAt: string, expiresAt: string): Promise<void> {
    await this.db
      .insertInto("admin_sessions")
      .values({ token_hash: tokenHash, created_at: createdAt, expires_at: expiresAt })
      .execute();
    // Expired sessions are dead weight; drop them while we are here.
    await this.db.deleteFrom("admin_sessions").where("expires_at", "<=", createdAt).execute();
  }

  async hasSession(tokenHash: string, now: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("admin_sessions")
      .select("token_hash")
      .where("token_hash", "=", tokenHash)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    return row !== undefined;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom("admin_sessions").where("token_hash", "=", tokenHash).execute();
  }

  async deleteAllSessions(): Promise<number> {
    const res = await this.db.deleteFrom("admin_sessions").executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  async reserveLoginAttempt(
    client: string,
    at: string,
    since: string,
    max: number,
  ): Promise<{ id: string } | { refused: string[] }> {
    return this.db.transaction().execute(async (trx) => {
      // The upsert locks the client's row until commit (PostgreSQL); SQLite has one writer.
      await trx
        .insertInto("admin_login_clients")
        .values({ client, at })
        .onConflict((oc) => oc.column("client").doUpdateSet({ at }))
        .execute();
      const rows = await trx
        .selectFrom("admin_login_attempts")
        .select("at")
        .where("client", "=", client)
        .where("at", ">", since)
        .orderBy("at", "asc")
        .execute();
      if (rows.length >= max) return { refused: rows.map((r) => r.at) };
      const id = newId();
      await trx.insertInto("admin_login_attempts").values({ id, client, at }).execute();
      // A day of history is plenty to look back on; older rows are dead weight.
      const dayAgo = new Date(Date.parse(at) - 24 * 60 * 60_000).toISOString();
      await trx.deleteFrom("admin_login_attempts").where("at", "<", dayAgo).execute();
      await trx.deleteFrom("admin_login_clients").where("at", "<", dayAgo).execute();
      return { id };
    });
  }

  async forgetLoginAttempt(id: string): Promise<void> {
    await this.db.deleteFrom("admin_login_attempts").where("id", "=", id).execute();
  }

  async listBans(): Promise<Ban[]> {
    const rows = await this.db.selectFrom("bans").selectAll().orderBy("created_at", "desc").execute();
    return rows.map(toBan);
  }

  async addBan(ban: NewBan): Promise<Ban> {
    await this.db
      .insertInto("bans")
      .values({ id: ban.id, kind: ban.kind, value: ban.value, note: ban.note, created_at: ban.createdAt })
      .onConflict((oc) => oc.columns(["kind", "value"]).doNothing())
      .execute();
    const row = await this.db
      .selectFrom("bans")
      .selectAll()
      .where("kind", "=", ban.kind)
      .where("value", "=", ban.value)
      .executeTakeFirstOrThrow();
    return toBan(row);
  }

  async removeBan(id: string): Promise<boolean> {
    const res = await this.db.deleteFrom("bans").where("id", "=", id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async recentByClient(ipHash: string, since: string): Promise<CommentRecord[]> {
    const rows = await this.db
      .selectFrom("comments")
      .selectAll()
      .where("ip_hash", "=", ipHash)
      .where("created_at", ">", since)
      .orderBy("created_at", "desc")
      .limit(200)
      .execute();
    return rows.map(toComment);
  }

  async candidatesFor(kind: BanKind, value: string): Promise<CommentRecord[]> {
    let q = this.db.selectFrom("comments").selectAll().where("status", "!=", "spam");
    if (kind === "ip") q = q.where("ip_hash", "=", value);
    else if (kind === "email")
      q = value.startsWith("@")
        ? q.where((eb) => eb(eb.fn("lower", ["author_email"]), "like", likePattern(value)))
        : q.where("author_email", "=", value);
    else {
      // The word rule itself decides; LIKE only narrows the rows read, on the longest token
      // (a phrase may be spread over several spaces or lines in a body).
      const token = value.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), "");
      q = q.where((eb) => eb(eb.fn("lower", ["body"]), "like", likePattern(token)));
    }
    return (await q.limit(10_000).execute()).map(toComment);
  }

  async setStatuses(
    ids: readonly string[],
    status: AdminCommentStatus,
    reason?: string,
    journal?: Journal<StatusChange[]>,
  ): Promise<StatusChange[]> {
    if (!ids.length) return [];
    return journaled(this.db as unknown as Kysely<Database>, journal, async (trx) => {
      const rows = await trx
        .selectFrom("comments")
        .selectAll()
        .where("id", "in", [...ids])
        .execute();
      const out: StatusChange[] = [];
      const pages = new Set<string>();
      for (const row of rows) {
        const current = toComment(row);
        const reasons =
          reason && !current.reasons.includes(reason) ? [...current.reasons, reason] : current.reasons;
        const updated = await trx
          .updateTable("comments")
          .set({ status, reasons: JSON.stringify(reasons) })
          .where("id", "=", row.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        out.push({ comment: toComment(updated), from: current.status });
        const key = JSON.stringify([row.site, row.page]);
        if (!pages.has(key)) {
          pages.add(key);
          await bumpVersion(trx as unknown as Transaction<Database>, row.site, row.page);
        }
      }
      return out;
    });
  }

  async listComments(query: AdminQuery): Promise<{ comments: CommentRecord[]; nextCursor: string | null }> {
    let q = this.db.selectFrom("comments").selectAll();
    if (query.site) q = q.where("site", "=", query.site);
    if (query.status) q = q.where("status", "=", query.status);
    if (query.page) q = q.where("page", "=", query.page);
    if (query.q) {
      const like = `%${query.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      q = q.where((eb) =>
        eb.or(
          (["body", "author_name", "author_email"] as const).map(
            (col) => eb(eb.fn("lower", [col]), "like", eb.cast(eb.val(like), "text")) as never,
          ),
        ),
      );
    }
    const cursor = decodeCursor(query.cursor);
    if (typeof cursor?.c === "string" && typeof cursor.i === "string") {
      const c = cursor.c;
      const i = cursor.i;
      q = q.where((eb) =>
        eb.or([eb("created_at", "<", c), eb.and([eb("created_at", "=", c), eb("id", "<", i)])]),
      );
    }
    const rows = await q
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(query.limit + 1)
      .execute();
    const more = rows.length > query.limit;
    const shown = (more ? rows.slice(0, query.limit) : rows).map(toComment);
    const last = shown.at(-1);
    return {
      comments: shown,
      nextCursor: more && last ? encodeCursor({ c: last.createdAt, i: last.id }) : null,
    };
  }

  async sites(): Promise<string[]> {
    const rows = await this.db.selectFrom("pages").select("site").distinct().orderBy("site").execute();
    return rows.map((r) => r.site);
  }

  async pendingCount(): Promise<number> {
    const row = await this.db
      .selectFrom("comments")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async pagesFor(keys: readonly { site: string; page: string }[]): Promise<PageRecord[]> {
    if (!keys.length) return [];
    const rows = await this.db
      .selectFrom("pages")
      .selectAll()
      .where((eb) => eb.or(keys.map((k) => eb.and([eb("site", "=", k.site), eb("path", "=", k.page)]))))
      .execute();
    return rows.map(toPage);
  }

  async listPages(query: { site?: string; q?: string; limit: number }): Promise<AdminPage[]> {
    let q = this.db
      .selectFrom("pages")
      .leftJoin("comments", (join) =>
        join.onRef("comments.site", "=", "pages.site").onRef("comments.page", "=", "pages.path"),
      )
      .select((eb) => [
        "pages.site",
        "pages.path",
        "pages.title",
        "pages.url",
        "pages.locked",
        "pages.created_at",
        eb.fn.max("comments.created_at").as("last"),
        eb.fn
          .sum<number>(eb.case().when("comments.status", "=", "approved").then(1).else(0).end())
          .as("approved"),
        eb.fn
          .sum<number>(eb.case().when("comments.status", "=", "pending").then(1).else(0).end())
          .as("pending"),
      ])
      .groupBy(["pages.site", "pages.path", "pages.title", "pages.url", "pages.locked", "pages.created_at"]);
    if (query.site) q = q.where("pages.site", "=", query.site);
    if (query.q) {
      const like = likePattern(query.q);
      q = q.where((eb) =>
        eb.or([
          eb(eb.fn("lower", ["pages.path"]), "like", like),
          eb(eb.fn("lower", ["pages.title"]), "like", like),
        ]),
      );
    }
    const rows = await q
      .orderBy((eb) => eb.fn.coalesce(eb.fn.max("comments.created_at"), eb.ref("pages.created_at")), "desc")
      .limit(query.limit)
      .execute();
    return rows.map((r) => ({
      site: r.site,
      id: r.path,
      title: r.title,
      url: r.url,
      locked: Number(r.locked) === 1,
      commentCount: Number(r.approved ?? 0),
      pending: Number(r.pending ?? 0),
    }));
  }
}
