/**
 * @module store/journal
 * The event log: every change to a thread writes its events into the `events` table in the
 * same transaction as the change itself, so an event exists exactly when its change does —
 * a crash between the two cannot happen. Each row gets an id from the database (SQLite's
 * rowid, PostgreSQL's identity sequence) that is unique across every server sharing the
 * database: live streams use it as the Server-Sent Events id, and the outbox reads the rows
 * not yet dispatched. The store knows events only as small JSON objects with a site, a page,
 * a type and a time; what they mean is the comments domain's business (comments/events.ts).
 */
import { type Kysely, PostgresAdapter, sql, type Transaction } from "kysely";
import type { Database } from "./schema.js";

/** What the store needs of an event: where and when, and a type. The rest is carried as is. */
export interface EventDraft {
  type: string;
  site: string;
  page: string;
  at: string;
  commentId?: string;
}

/** An event as written: its draft with the id the database gave it. */
export type Journaled<E extends EventDraft> = E & { id: number };

/**
 * Passed to a store write: `events` names the events of its result, written in the write's
 * transaction; `committed` receives them, with their ids, once the transaction committed.
 */
export interface Journal<R, E extends EventDraft = EventDraft> {
  events(result: R): readonly E[];
  committed(events: readonly Journaled<E>[]): void;
}

type Db = Kysely<Database> | Transaction<Database>;

/** Writes `events` (in the caller's transaction) and returns them with their ids, in order. */
export async function appendEvents<E extends EventDraft>(
  db: Db,
  events: readonly E[],
): Promise<Journaled<E>[]> {
  const out: Journaled<E>[] = [];
  // One INSERT per event: RETURNING's row order is not promised for a multi-row INSERT.
  for (const event of events) {
    const row = await db
      .insertInto("events")
      .values({
        site: event.site,
        page: event.page,
        type: event.type,
        comment_id: event.commentId ?? null,
        at: event.at,
        data: JSON.stringify(event),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    out.push({ ...event, id: Number(row.id) });
  }
  return out;
}

/**
 * The PostgreSQL channel of a database's events: one per schema, since NOTIFY reaches every
 * session of the database and two schemas (two sites, or parallel tests) must not meet.
 * The channel is computed by the server (`current_schema()`), so writer and listener agree.
 */
export const NOTIFY_CHANNEL_PREFIX = "causette:";
/** NOTIFY refuses payloads of 8,000 bytes and more: beyond this, only the ids are sent. */
const NOTIFY_MAX_BYTES = 7_800;

/**
 * What a NOTIFY carries: the events as JSON (small: ids, kinds and values), or only their ids
 * when that would be too long — the listener then reads them from the log.
 */
export function notifyPayload(events: readonly Journaled<EventDraft>[]): string {
  const full = JSON.stringify(events);
  return Buffer.byteLength(full) <= NOTIFY_MAX_BYTES ? full : JSON.stringify(events.map((e) => e.id));
}

/**
 * Runs `write` in a transaction that also journals the events of its result, then hands
 * them to the journal once committed. Without a journal it is just the transaction.
 */
export async function journaled<R, E extends EventDraft>(
  db: Kysely<Database>,
  journal: Journal<R, E> | undefined,
  write: (trx: Transaction<Database>) => Promise<R>,
): Promise<R> {
  let written: Journaled<E>[] = [];
  const result = await db.transaction().execute(async (trx) => {
    const value = await write(trx);
    if (journal) written = await appendEvents(trx, journal.events(value));
    // Delivered to every listening server when (and only if) the transaction commits.
    if (written.length && trx.getExecutor().adapter instanceof PostgresAdapter)
      await sql`SELECT pg_notify(${NOTIFY_CHANNEL_PREFIX} || current_schema(), ${notifyPayload(written)})`.execute(
        trx,
      );
    return value;
  });
  if (journal && written.length) journal.committed(written);
  return result;
}

/** Reading the log back: live streams catching a client up, the outbox's dispatcher. */
export interface EventLog {
  /**
   * Events with an id above `after`, oldest first, at most `limit`, of one site (and page)
   * when given. Ids come from a sequence: on PostgreSQL a transaction that took a lower id
   * may commit after one that took a higher id, so a reader that tails the log must allow
   * for a late arrival below its last id (see `since`).
   */
  after(
    after: number,
    filter?: { site?: string; page?: string },
    limit?: number,
  ): Promise<Journaled<EventDraft>[]>;
  /**
   * The highest id written so far (0 for an empty log), of one site when given: a version
   * of everything on the site that every server sharing the database agrees on (the site's
   * Atom feed is cached by it).
   */
  latestId(filter?: { site?: string }): Promise<number>;
  /** The lowest id still kept (null for an empty log): a client behind it must reload. */
  oldestId(): Promise<number | null>;
  /**
   * Deletes events written before `before` (ISO time); returns how many. An event the
   * outbox has not dispatched yet is kept, whatever its age: its e-mails and webhooks are
   * not written yet.
   */
  prune(before: string): Promise<number>;
}

export class KyselyEventLog implements EventLog {
  constructor(private readonly db: Kysely<Database>) {}

  async after(
    after: number,
    filter: { site?: string; page?: string } = {},
    limit = 500,
  ): Promise<Journaled<EventDraft>[]> {
    let q = this.db.selectFrom("events").select(["id", "data"]).where("id", ">", after);
    if (filter.site !== undefined) q = q.where("site", "=", filter.site);
    if (filter.page !== undefined) q = q.where("page", "=", filter.page);
    const rows = await q.orderBy("id").limit(limit).execute();
    return rows.map((r) => ({ ...(JSON.parse(r.data) as EventDraft), id: Number(r.id) }));
  }

  async latestId(filter: { site?: string } = {}): Promise<number> {
    let q = this.db.selectFrom("events").select((eb) => eb.fn.max("id").as("id"));
    if (filter.site !== undefined) q = q.where("site", "=", filter.site);
    const row = await q.executeTakeFirst();
    return Number(row?.id ?? 0);
  }

  async oldestId(): Promise<number | null> {
    const row = await this.db
      .selectFrom("events")
      .select((eb) => eb.fn.min("id").as("id"))
      .executeTakeFirst();
    return row?.id == null ? null : Number(row.id);
  }

  async prune(before: string): Promise<number> {
    const result = await this.db
      .deleteFrom("events")
      .where("at", "<", before)
      .where("dispatched", "=", 1)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
