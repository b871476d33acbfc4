/**
 * @module store/outbox-store
 * The outbox's SQL: which events are not dispatched yet, the messages they became, and the
 * sender's claims on them. Reached as `store.outbox`; the loops that use it are in
 * outbox/outbox.ts.
 *
 * Exactly-once expansion: `dispatch` marks events dispatched in the transaction that writes
 * their messages, and on PostgreSQL claims the event rows with `FOR UPDATE SKIP LOCKED`, so
 * two servers never expand the same event. At-least-once sending: `claim` leases due messages
 * (`locked_until`, plus `FOR UPDATE SKIP LOCKED` on PostgreSQL) and a server that dies while
 * sending leaves a lease that runs out, after which another claim sends the message again.
 * A sender sends its batch within the first half of the lease (outbox.ts) and gives the rest
 * back: a slow batch never outlives its lease while another server claims the same messages.
 */
import type { Generated, Kysely, Transaction } from "kysely";
import type { EventDraft, Journaled } from "./journal.js";
import type { Database, OutboxTable } from "./schema.js";

export type OutboxStatus = "queued" | "retrying" | "sent" | "dead" | "dropped";

/** A message to write: what an expander makes of an event, or what a route enqueues. */
export interface MessageDraft {
  /** Unique: a second draft with the same key is ignored (e.g. `${eventId}:${recipient}:${kind}`). */
  key: string;
  /** Picks the transport: "email", "webhook". */
  channel: string;
  /** What it is, for the transport and the admin's list: "reply", "confirm", "owner", "event". */
  kind: string;
  site: string;
  /** An e-mail address or a URL: the per-recipient rate limit counts by it. */
  recipient: string;
  /** Plain JSON the transport understands. A grouped message holds `{ items: [...] }`. */
  payload: Record<string, unknown>;
  /**
   * Grouping (reply e-mails): drafts with the same group key join one message while it waits.
   * The first goes out at once; one that follows a sent message of its group within `windowMs`
   * waits until the window after that send ends, collecting the others meanwhile.
   */
  group?: { key: string; windowMs: number; item: unknown };
}

export interface OutboxMessage {
  id: number;
  key: string;
  channel: string;
  kind: string;
  site: string;
  recipient: string;
  groupKey: string | null;
  payload: Record<string, unknown>;
  eventId: number | null;
  status: OutboxStatus;
  attempts: number;
  dueAt: string;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

export interface OutboxQuery {
  status?: OutboxStatus;
  channel?: string;
  site?: string;
  /** Messages with an id below it (keyset pages, newest first). */
  before?: number;
  limit: number;
}

export interface OutboxStore {
  /** Events not dispatched yet, oldest first. */
  undispatched(limit: number): Promise<Journaled<EventDraft>[]>;
  /**
   * Writes the messages of the events in `drafts` and marks those events dispatched, in one
   * transaction; an event another server is dispatching (or has dispatched) is skipped with
   * its drafts. Returns the ids it dispatched.
   */
  dispatch(drafts: ReadonlyMap<number, readonly MessageDraft[]>, now: string): Promise<number[]>;
  /** Writes messages that no event caused (a confirmation e-mail, a test). */
  enqueue(drafts: readonly MessageDraft[], now: string): Promise<void>;
  /** Leases up to `limit` due messages until `leaseUntil`; only the caller sends them. */
  claim(
    now: string,
    leaseUntil: string,
    limit: number,
    channels?: readonly string[],
  ): Promise<OutboxMessage[]>;
  /**
   * Gives back messages claimed with `leaseUntil` and not sent: claimable again at once. A
   * message another claim took since (the lease ran out) is left to that claim.
   */
  release(ids: readonly number[], leaseUntil: string): Promise<void>;
  markSent(id: number, at: string): Promise<void>;
  /** A failed attempt: due again at `retryAt`, or dead when null. Counts an attempt. */
  markFailed(id: number, error: string, at: string, retryAt: string | null): Promise<void>;
  /** Not sent now and not an attempt (rate limit): due again at `until`. */
  postpone(id: number, until: string, at: string): Promise<void>;
  /** No longer wanted (unsubscribed, unconfirmed, comment gone): kept with the reason. */
  drop(id: number, reason: string, at: string): Promise<void>;
  get(id: number): Promise<OutboxMessage | null>;
  /** Newest first. */
  list(query: OutboxQuery): Promise<OutboxMessage[]>;
  /** Counts by status (the admin's summary). */
  counts(): Promise<Record<OutboxStatus, number>>;
  /** A dead, dropped or retrying message due again now, with its attempts reset. False when none. */
  retry(id: number, now: string): Promise<boolean>;
  /** Messages sent to `recipient` since `since` (the per-recipient rate limit). */
  sentSince(recipient: string, since: string): Promise<number>;
  /** Deletes every message to `recipient` (a commenter's data erased); returns how many. */
  forgetRecipient(recipient: string): Promise<number>;
  /** Deletes sent, dead and dropped messages last changed before `before`; returns how many. */
  prune(before: string): Promise<number>;
}

type Row = {
  [K in keyof OutboxTable]: OutboxTable[K] extends Generated<infer T> ? T : OutboxTable[K];
};

function toMessage(row: Row): OutboxMessage {
  return {
    id: Number(row.id),
    key: row.key,
    channel: row.channel,
    kind: row.kind,
    site: row.site,
    recipient: row.recipient,
    groupKey: row.group_key,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    eventId: row.event_id == null ? null : Number(row.event_id),
    status: row.status as OutboxStatus,
    attempts: Number(row.attempts),
    dueAt: row.due_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
  };
}

const WAITING: OutboxStatus[] = ["queued", "retrying"];

/**
 * Writes messages in the caller's transaction: the dispatcher's (with their event), a route's,
 * or a store write's own (a new comment's confirmation e-mail, written with the comment).
 */
export async function insertMessages(
  trx: Transaction<Database>,
  dialect: "sqlite" | "postgres",
  drafts: readonly MessageDraft[],
  now: string,
  eventId: number | null,
): Promise<void> {
  for (const draft of drafts) {
    let due = now;
    if (draft.group) {
      // A waiting message of the group takes the new item (locked on PostgreSQL, so two
      // dispatchers cannot both append to it, nor one append while a sender claims it).
      let waiting = trx
        .selectFrom("outbox")
        .select(["id", "payload"])
        .where("group_key", "=", draft.group.key)
        .where("status", "=", "queued")
        .where("due_at", ">", now)
        .where("locked_until", "is", null)
        .orderBy("id", "desc")
        .limit(1);
      if (dialect === "postgres") waiting = waiting.forUpdate();
      const open = await waiting.executeTakeFirst();
      if (open) {
        const payload = JSON.parse(open.payload) as { items?: unknown[]; keys?: string[] };
        // The joined drafts' keys stay with the message: the same draft twice is one item.
        if (payload.keys?.includes(draft.key)) continue;
        payload.items = [...(payload.items ?? []), draft.group.item];
        payload.keys = [...(payload.keys ?? []), draft.key];
        await trx
          .updateTable("outbox")
          .set({ payload: JSON.stringify(payload), updated_at: now })
          .where("id", "=", open.id)
          .execute();
        continue;
      }
      const last = await trx
        .selectFrom("outbox")
        .select((eb) => eb.fn.max("sent_at").as("sent"))
        .where("group_key", "=", draft.group.key)
        .where("status", "=", "sent")
        .executeTakeFirst();
      const lastSent = last?.sent ? Date.parse(String(last.sent)) : Number.NEGATIVE_INFINITY;
      const windowEnd = lastSent + draft.group.windowMs;
      if (windowEnd > Date.parse(now)) due = new Date(windowEnd).toISOString();
    }
    const payload = draft.group
      ? { ...draft.payload, items: [draft.group.item], keys: [draft.key] }
      : draft.payload;
    await trx
      .insertInto("outbox")
      .values({
        key: draft.key,
        channel: draft.channel,
        kind: draft.kind,
        site: draft.site,
        recipient: draft.recipient,
        group_key: draft.group?.key ?? null,
        payload: JSON.stringify(payload),
        event_id: eventId,
        status: "queued",
        due_at: due,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
  }
}

export class KyselyOutboxStore implements OutboxStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: "sqlite" | "postgres",
  ) {}

  async undispatched(limit: number): Promise<Journaled<EventDraft>[]> {
    const rows = await this.db
      .selectFrom("events")
      .select(["id", "data"])
      .where("dispatched", "=", 0)
      .orderBy("id")
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...(JSON.parse(r.data) as EventDraft), id: Number(r.id) }));
  }

  async dispatch(drafts: ReadonlyMap<number, readonly MessageDraft[]>, now: string): Promise<number[]> {
    const ids = [...drafts.keys()];
    if (!ids.length) return [];
    return this.db.transaction().execute(async (trx) => {
      let q = trx.selectFrom("events").select("id").where("id", "in", ids).where("dispatched", "=", 0);
      // Another server holding these rows is dispatching them: leave them to it.
      if (this.dialect === "postgres") q = q.forUpdate().skipLocked();
      const claimed = (await q.execute()).map((r) => Number(r.id));
      if (!claimed.length) return [];
      for (const id of claimed) await insertMessages(trx, this.dialect, drafts.get(id) ?? [], now, id);
      await trx.updateTable("events").set({ dispatched: 1 }).where("id", "in", claimed).execute();
      return claimed;
    });
  }

  async enqueue(drafts: readonly MessageDraft[], now: string): Promise<void> {
    if (!drafts.length) return;
    await this.db.transaction().execute((trx) => insertMessages(trx, this.dialect, drafts, now, null));
  }

  async claim(
    now: string,
    leaseUntil: string,
    limit: number,
    channels?: readonly string[],
  ): Promise<OutboxMessage[]> {
    return this.db.transaction().execute(async (trx) => {
      let q = trx
        .selectFrom("outbox")
        .select("id")
        .where("status", "in", WAITING)
        .where("due_at", "<=", now)
        .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]))
        .orderBy("due_at")
        .orderBy("id")
        .limit(limit);
      if (channels?.length) q = q.where("channel", "in", [...channels]);
      if (this.dialect === "postgres") q = q.forUpdate().skipLocked();
      const ids = (await q.execute()).map((r) => Number(r.id));
      if (!ids.length) return [];
      const rows = await trx
        .updateTable("outbox")
        .set({ locked_until: leaseUntil })
        .where("id", "in", ids)
        .returningAll()
        .execute();
      return rows
        .map((r) => toMessage(r as Row))
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id - b.id);
    });
  }

  async release(ids: readonly number[], leaseUntil: string): Promise<void> {
    if (!ids.length) return;
    await this.db
      .updateTable("outbox")
      .set({ locked_until: null })
      .where("id", "in", [...ids])
      .where("locked_until", "=", leaseUntil)
      .where("status", "in", WAITING)
      .execute();
  }

  async markSent(id: number, at: string): Promise<void> {
    await this.db
      .updateTable("outbox")
      .set((eb) => ({
        status: "sent",
        sent_at: at,
        updated_at: at,
        locked_until: null,
        last_error: null,
        attempts: eb("attempts", "+", 1),
      }))
      .where("id", "=", id)
      .execute();
  }

  async markFailed(id: number, error: string, at: string, retryAt: string | null): Promise<void> {
    await this.db
      .updateTable("outbox")
      .set((eb) => ({
        status: retryAt ? "retrying" : "dead",
        due_at: retryAt ?? at,
        updated_at: at,
        locked_until: null,
        last_error: error.slice(0, 1000),
        attempts: eb("attempts", "+", 1),
      }))
      .where("id", "=", id)
      .execute();
  }

  async postpone(id: number, until: string, at: string): Promise<void> {
    await this.db
      .updateTable("outbox")
      .set({ due_at: until, updated_at: at, locked_until: null })
      .where("id", "=", id)
      .execute();
  }

  async drop(id: number, reason: string, at: string): Promise<void> {
    await this.db
      .updateTable("outbox")
      .set({ status: "dropped", last_error: reason.slice(0, 1000), updated_at: at, locked_until: null })
      .where("id", "=", id)
      .execute();
  }

  async get(id: number): Promise<OutboxMessage | null> {
    const row = await this.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toMessage(row as Row) : null;
  }

  async list(query: OutboxQuery): Promise<OutboxMessage[]> {
    let q = this.db.selectFrom("outbox").selectAll();
    if (query.status) q = q.where("status", "=", query.status);
    if (query.channel) q = q.where("channel", "=", query.channel);
    if (query.site) q = q.where("site", "=", query.site);
    if (query.before !== undefined) q = q.where("id", "<", query.before);
    const rows = await q.orderBy("id", "desc").limit(query.limit).execute();
    return rows.map((r) => toMessage(r as Row));
  }

  async counts(): Promise<Record<OutboxStatus, number>> {
    const rows = await this.db
      .selectFrom("outbox")
      .select((eb) => ["status", eb.fn.countAll().as("n")])
      .groupBy("status")
      .execute();
    const out: Record<OutboxStatus, number> = { queued: 0, retrying: 0, sent: 0, dead: 0, dropped: 0 };
    for (const r of rows) out[r.status as OutboxStatus] = Number(r.n);
    return out;
  }

  async retry(id: number, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable("outbox")
      .set({ status: "queued", attempts: 0, due_at: now, updated_at: now, locked_until: null })
      .where("id", "=", id)
      .where("status", "in", ["dead", "dropped", "retrying"])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async sentSince(recipient: string, since: string): Promise<number> {
    const row = await this.db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("recipient", "=", recipient)
      .where("sent_at", ">=", since)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async forgetRecipient(recipient: string): Promise<number> {
    const result = await this.db.deleteFrom("outbox").where("recipient", "=", recipient).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async prune(before: string): Promise<number> {
    const result = await this.db
      .deleteFrom("outbox")
      .where("status", "in", ["sent", "dead", "dropped"])
      .where("updated_at", "<", before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
