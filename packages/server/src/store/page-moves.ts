/**
 * Threads that survive a URL change: moving a page's comments to a new page id, merging two
 * threads, and aliases (an old page id served another page's thread), each recorded in
 * `page_moves` so that it can be undone. Reached as `store.moves`; `store.resolvePage` asks
 * `AliasResolver` which page a request's page id is served.
 */
import type { PageMove, PageMoveKind } from "@causette/types";
import type { Kysely, Transaction } from "kysely";
import { CausetteError } from "../errors.js";
import { newId } from "../security/crypto.js";
import { type Journal, journaled } from "./journal.js";
import type { Database, PageMovesTable } from "./schema.js";
import { bumpVersion } from "./versions.js";

/** An alias as exported (export/json.ts) and imported back. */
export interface AliasRecord {
  path: string;
  target: string;
  createdAt: string;
}

/** Who did it, as recorded: the admin page (or API), or `causette pages`. */
export type MoveActor = "admin" | "cli";

export interface PageMoveStore {
  /**
   * Applies a move, alias or merge of `from` onto `to` in one transaction and records it.
   * Throws `page_not_found`, `page_has_comments`, `page_is_alias` or `alias_cycle`.
   */
  apply(
    kind: PageMoveKind,
    site: string,
    from: string,
    to: string,
    by: MoveActor,
    journal?: Journal<PageMove>,
  ): Promise<PageMove>;
  /** Undoes operation `seq` of the site (default: its latest still in effect). */
  undo(site: string, seq: number | null, by: MoveActor, journal?: Journal<PageMove>): Promise<PageMove>;
  /** The site's operations, newest first. */
  list(site: string, limit?: number): Promise<PageMove[]>;
  /** What each of `pages` is an alias of (pages that are none are left out). */
  aliasesOf(site: string, pages: readonly string[]): Promise<Map<string, string>>;
  /** The site's aliases by path (exports). */
  aliases(site: string): Promise<AliasRecord[]>;
  /** Adds aliases (imports), skipping paths that already are one or have comments; returns how many were added. */
  importAliases(site: string, rows: readonly AliasRecord[]): Promise<number>;
}

/** Chains longer than this are not followed (moves refuse cycles; this is a backstop). */
const MAX_HOPS = 16;
/** The `meta` row that changes with every alias, so every server drops its resolved ids. */
const VERSION_KEY = "aliases_version";
/** Ids per `IN (…)` list: well under SQLite's and PostgreSQL's limits on parameters. */
const CHUNK = 500;

const CHUNKED = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
};

function toMove(row: PageMovesTable): PageMove {
  return {
    id: Number(row.seq),
    site: row.site,
    kind: row.kind as PageMoveKind,
    from: row.source,
    to: row.target,
    comments: Number(row.comments),
    by: row.created_by,
    createdAt: row.created_at,
    undoneAt: row.undone_at,
    undoneBy: row.undone_by,
  };
}

const q = (path: string) => JSON.stringify(path);

async function aliasTarget(db: Kysely<Database>, site: string, path: string): Promise<string | null> {
  const row = await db
    .selectFrom("page_aliases")
    .select("target")
    .where("site", "=", site)
    .where("path", "=", path)
    .executeTakeFirst();
  return row?.target ?? null;
}

/** Follows `path`'s aliases to the page that holds the thread (`path` itself when none). */
async function follow(db: Kysely<Database>, site: string, path: string): Promise<string> {
  let current = path;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const next = await aliasTarget(db, site, current);
    if (next === null || next === path) return current;
    current = next;
  }
  return current;
}

async function commentCount(trx: Transaction<Database>, site: string, path: string): Promise<number> {
  const row = await trx
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("site", "=", site)
    .where("page", "=", path)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function pageExists(trx: Transaction<Database>, site: string, path: string): Promise<boolean> {
  const row = await trx
    .selectFrom("pages")
    .select("path")
    .where("site", "=", site)
    .where("path", "=", path)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Marks the aliases as changed. Taken first in every operation: on PostgreSQL the row lock it
 * holds until commit makes concurrent operations run one after the other.
 */
async function touchAliases(trx: Transaction<Database>): Promise<void> {
  await trx
    .insertInto("meta")
    .values({ key: VERSION_KEY, value: newId() })
    .onConflict((oc) => oc.column("key").doUpdateSet((eb) => ({ value: eb.ref("excluded.value") })))
    .execute();
}

/** Adds `shares` (by network) to `page`'s share counts; negative counts take away, never below 0. */
async function addShares(
  trx: Transaction<Database>,
  site: string,
  page: string,
  shares: Record<string, number>,
) {
  for (const [network, count] of Object.entries(shares)) {
    if (count > 0)
      await trx
        .insertInto("share_counts")
        .values({ site, page, network, count })
        .onConflict((oc) =>
          oc
            .columns(["site", "page", "network"])
            .doUpdateSet((eb) => ({ count: eb("share_counts.count", "+", count) })),
        )
        .execute();
    else if (count < 0)
      await trx
        .updateTable("share_counts")
        .set((eb) => ({
          count: eb
            .case()
            .when("count", ">", -count)
            .then(eb("count", "+", count))
            .else(0)
            .end(),
        }))
        .where("site", "=", site)
        .where("page", "=", page)
        .where("network", "=", network)
        .execute();
  }
}

/** Moves every comment and share count of `from` to `to` (whose page row must exist). */
async function moveThreads(trx: Transaction<Database>, site: string, from: string, to: string) {
  const roots = await trx
    .selectFrom("comments")
    .select("id")
    .where("site", "=", site)
    .where("page", "=", from)
    .where("parent_id", "is", null)
    .orderBy("id")
    .execute();
  const moved = await trx
    .updateTable("comments")
    .set({ page: to })
    .where("site", "=", site)
    .where("page", "=", from)
    .executeTakeFirst();
  const shareRows = await trx
    .selectFrom("share_counts")
    .select(["network", "count"])
    .where("site", "=", site)
    .where("page", "=", from)
    .execute();
  const shares: Record<string, number> = {};
  for (const r of shareRows) shares[r.network] = Number(r.count);
  await addShares(trx, site, to, shares);
  await trx.deleteFrom("share_counts").where("site", "=", site).where("page", "=", from).execute();
  return { threads: roots.map((r) => r.id), shares, comments: Number(moved.numUpdatedRows) };
}

export class KyselyPageMoveStore implements PageMoveStore {
  constructor(
    readonly db: Kysely<Database>,
    /** Called after every change, so this process's resolved ids are dropped at once. */
    private readonly changed: () => void,
  ) {}

  async apply(
    kind: PageMoveKind,
    site: string,
    from: string,
    to: string,
    by: MoveActor,
    journal?: Journal<PageMove>,
  ): Promise<PageMove> {
    if (from === to)
      throw new CausetteError("invalid_field", "The old and the new page ids are the same.", { field: "to" });
    const move = await journaled(this.db, journal, async (trx) => {
      await touchAliases(trx);
      const fromAlias = await aliasTarget(trx, site, from);
      if (fromAlias !== null)
        throw new CausetteError(
          "page_is_alias",
          `${q(from)} is already an alias of ${q(fromAlias)}: its thread is there. Undo that first, or use ${q(fromAlias)}.`,
        );
      const fromComments = await commentCount(trx, site, from);
      if (kind === "alias") {
        if (fromComments > 0)
          throw new CausetteError(
            "page_has_comments",
            `${q(from)} has ${fromComments} comment(s) that an alias would hide: move or merge it instead.`,
          );
        if (!(await pageExists(trx, site, to)) && (await aliasTarget(trx, site, to)) === null)
          throw new CausetteError("page_not_found", `No page ${q(to)} on site ${q(site)}.`, { field: "to" });
        if ((await follow(trx, site, to)) === from)
          throw new CausetteError(
            "alias_cycle",
            `${q(to)} already leads to ${q(from)}: an alias back would make a loop.`,
          );
      } else {
        if (!(await pageExists(trx, site, from)))
          throw new CausetteError("page_not_found", `No page ${q(from)} on site ${q(site)}.`, {
            field: "from",
          });
        const toAlias = await aliasTarget(trx, site, to);
        if (toAlias !== null)
          throw new CausetteError(
            "page_is_alias",
            `${q(to)} is an alias of ${q(toAlias)}: ${kind} onto ${q(toAlias)}, or undo that alias first.`,
          );
        if (kind === "move") {
          const toComments = await commentCount(trx, site, to);
          if (toComments > 0)
            throw new CausetteError(
              "page_has_comments",
              `${q(to)} already has ${toComments} comment(s): merge the two threads instead (causette pages merge ${from} ${to}).`,
            );
        } else if (!(await pageExists(trx, site, to)))
          throw new CausetteError(
            "page_not_found",
            `No page ${q(to)} on site ${q(site)} to merge into: move the thread there instead.`,
            { field: "to" },
          );
      }

      let moved = { threads: [] as string[], shares: {} as Record<string, number>, comments: 0 };
      if (kind !== "alias") {
        // The new page takes the old one's title, address and lock, unless it has its own.
        const old = await trx
          .selectFrom("pages")
          .selectAll()
          .where("site", "=", site)
          .where("path", "=", from)
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("pages")
          .values({
            site,
            path: to,
            title: old.title,
            url: old.url,
            locked: old.locked,
            version: 1,
            created_at: old.created_at,
          })
          .onConflict((oc) => oc.columns(["site", "path"]).doNothing())
          .execute();
        moved = await moveThreads(trx, site, from, to);
      }
      const now = new Date().toISOString();
      await trx
        .insertInto("page_aliases")
        .values({ site, path: from, target: to, created_at: now })
        .execute();
      await bumpVersion(trx, site, from);
      await bumpVersion(trx, site, to);
      const last = await trx
        .selectFrom("page_moves")
        .select((eb) => eb.fn.max("seq").as("seq"))
        .where("site", "=", site)
        .executeTakeFirst();
      const row: PageMovesTable = {
        site,
        seq: Number(last?.seq ?? 0) + 1,
        kind,
        source: from,
        target: to,
        threads: JSON.stringify(moved.threads),
        shares: JSON.stringify(moved.shares),
        comments: moved.comments,
        created_at: now,
        created_by: by,
        undone_at: null,
        undone_by: null,
      };
      await trx.insertInto("page_moves").values(row).execute();
      return toMove(row);
    });
    this.changed();
    return move;
  }

  async undo(
    site: string,
    seq: number | null,
    by: MoveActor,
    journal?: Journal<PageMove>,
  ): Promise<PageMove> {
    const move = await journaled(this.db, journal, async (trx) => {
      await touchAliases(trx);
      let find = trx.selectFrom("page_moves").selectAll().where("site", "=", site);
      find =
        seq === null
          ? find.where("undone_at", "is", null).orderBy("seq", "desc").limit(1)
          : find.where("seq", "=", seq);
      const row = await find.executeTakeFirst();
      if (!row)
        throw new CausetteError(
          "move_not_found",
          seq === null ? `Nothing to undo on site ${q(site)}.` : `No operation ${seq} on site ${q(site)}.`,
        );
      if (row.undone_at !== null)
        throw new CausetteError(
          "undo_blocked",
          `Operation ${row.seq} was already undone (${row.undone_at}).`,
        );
      // A later operation on either page builds on this one: it has to go first.
      const pages = [row.source, row.target];
      const later = await trx
        .selectFrom("page_moves")
        .select("seq")
        .where("site", "=", site)
        .where("seq", ">", row.seq)
        .where("undone_at", "is", null)
        .where((eb) => eb.or([eb("source", "in", pages), eb("target", "in", pages)]))
        .orderBy("seq", "desc")
        .executeTakeFirst();
      if (later)
        throw new CausetteError(
          "undo_blocked",
          `Operation ${later.seq} changed these pages after operation ${row.seq}: undo ${later.seq} first.`,
        );

      await trx
        .deleteFrom("page_aliases")
        .where("site", "=", site)
        .where("path", "=", row.source)
        .where("target", "=", row.target)
        .execute();
      // The threads go back with every reply posted since; threads started on the new page stay.
      const threads = JSON.parse(row.threads) as string[];
      for (const some of CHUNKED(threads))
        await trx
          .updateTable("comments")
          .set({ page: row.source })
          .where("site", "=", site)
          .where("page", "=", row.target)
          .where("thread_id", "in", some)
          .execute();
      const shares = JSON.parse(row.shares) as Record<string, number>;
      await addShares(
        trx,
        site,
        row.target,
        Object.fromEntries(Object.entries(shares).map(([n, c]) => [n, -c])),
      );
      await addShares(trx, site, row.source, shares);
      await bumpVersion(trx, site, row.source);
      await bumpVersion(trx, site, row.target);
      const undone = { undone_at: new Date().toISOString(), undone_by: by };
      await trx
        .updateTable("page_moves")
        .set(undone)
        .where("site", "=", site)
        .where("seq", "=", row.seq)
        .execute();
      return toMove({ ...row, ...undone });
    });
    this.changed();
    return move;
  }

  async list(site: string, limit = 200): Promise<PageMove[]> {
    const rows = await this.db
      .selectFrom("page_moves")
      .selectAll()
      .where("site", "=", site)
      .orderBy("seq", "desc")
      .limit(limit)
      .execute();
    return rows.map(toMove);
  }

  async aliasesOf(site: string, pages: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const some of CHUNKED(pages)) {
      if (!some.length) continue;
      const rows = await this.db
        .selectFrom("page_aliases")
        .select(["path", "target"])
        .where("site", "=", site)
        .where("path", "in", some)
        .execute();
      for (const r of rows) out.set(r.path, r.target);
    }
    return out;
  }

  async aliases(site: string): Promise<AliasRecord[]> {
    const rows = await this.db
      .selectFrom("page_aliases")
      .selectAll()
      .where("site", "=", site)
      .orderBy("path")
      .execute();
    return rows.map((r) => ({ path: r.path, target: r.target, createdAt: r.created_at }));
  }

  async importAliases(site: string, rows: readonly AliasRecord[]): Promise<number> {
    if (!rows.length) return 0;
    const added = await this.db.transaction().execute(async (trx) => {
      await touchAliases(trx);
      let n = 0;
      for (const r of rows) {
        if (r.path === r.target || (await commentCount(trx, site, r.path)) > 0) continue;
        if ((await aliasTarget(trx, site, r.path)) !== null) continue;
        if ((await follow(trx, site, r.target)) === r.path) continue;
        await trx
          .insertInto("page_aliases")
          .values({ site, path: r.path, target: r.target, created_at: r.createdAt })
          .execute();
        n++;
      }
      return n;
    });
    this.changed();
    return added;
  }
}

/**
 * Which page a request's page id is served, cached: the answer for a page id is kept until
 * an alias changes. This process's changes drop the cache at once; another process's (the
 * CLI, another server) within `recheckMs`, the time between two reads of the version row.
 * While no alias was ever made, no query is made at all beyond that read.
 */
export class AliasResolver {
  readonly #resolved = new Map<string, string>();
  #version: string | null = null;
  #checkedAt = -Infinity;
  #checking: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly recheckMs = 1000,
    private readonly maxEntries = 20_000,
  ) {}

  /** Forgets every answer (an alias changed in this process). */
  invalidate(): void {
    this.#resolved.clear();
    this.#checkedAt = -Infinity;
  }

  async resolve(site: string, page: string): Promise<string> {
    if (performance.now() - this.#checkedAt >= this.recheckMs) await this.#recheck();
    if (this.#version === null) return page;
    const key = `${site}\u0000${page}`;
    const known = this.#resolved.get(key);
    if (known !== undefined) return known;
    const target = await follow(this.db, site, page);
    if (this.#resolved.size >= this.maxEntries) this.#resolved.clear();
    this.#resolved.set(key, target);
    return target;
  }

  #recheck(): Promise<void> {
    this.#checking ??= (async () => {
      try {
        const row = await this.db
          .selectFrom("meta")
          .select("value")
          .where("key", "=", VERSION_KEY)
          .executeTakeFirst();
        const version = row?.value ?? null;
        if (version !== this.#version) this.#resolved.clear();
        this.#version = version;
        this.#checkedAt = performance.now();
      } finally {
        this.#checking = null;
      }
    })();
    return this.#checking;
  }
}
