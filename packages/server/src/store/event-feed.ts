/**
 * @module store/event-feed
 * Every server's committed events, on PostgreSQL: a dedicated connection LISTENs on the
 * schema's channel (journal.ts NOTIFYs in each write's transaction, so a notification
 * arrives exactly when its change committed, in commit order). The connection is watched
 * (a query every few seconds) and opened again after a PostgreSQL restart or a network cut,
 * with back-off; once listening again, the feed reads the log from a little below the last
 * id it saw — ids come from a sequence and a lower one may commit after a higher one — so
 * nothing committed meanwhile is missed. The same event may come twice (a catch-up
 * overlapping notifications): consumers de-duplicate by id (the EventBus does).
 */
import pg from "pg";
import { type EventDraft, type EventLog, type Journaled, NOTIFY_CHANNEL_PREFIX } from "./journal.js";

export interface FeedHandlers {
  /** A committed event, of any server (this one's included). */
  event(event: Journaled<EventDraft>): void;
  /**
   * `true` once listening (and caught up), `false` when the connection is lost: while down,
   * events of other servers may be missed, so caches must not be trusted.
   */
  state(up: boolean): void;
}

export interface EventFeed {
  subscribe(handlers: FeedHandlers): () => void;
  readonly up: boolean;
  close(): Promise<void>;
}

/**
 * How far below the last id seen a catch-up reads again: a transaction that took a lower id
 * commits after a higher one only while both are in flight, so a window of ids written
 * meanwhile is enough (de-duplicated downstream).
 */
export const LATE_ARRIVAL_WINDOW = 1_000;
const CATCH_UP_BATCH = 500;
const WATCH_INTERVAL = 5_000;
const RETRY_FIRST = 250;
const RETRY_MAX = 5_000;

export interface FeedOptions {
  connectTimeout: number;
  warn?: (line: string) => void;
}

export class PostgresEventFeed implements EventFeed {
  readonly #handlers = new Set<FeedHandlers>();
  #client: pg.Client | null = null;
  #up = false;
  #closed = false;
  #lastId: number | null = null;
  #retry = RETRY_FIRST;
  #timer: NodeJS.Timeout | null = null;
  #starting: Promise<void> | null = null;
  #waiting = false;
  readonly #warn: (line: string) => void;

  constructor(
    private readonly url: string,
    private readonly log: EventLog,
    private readonly options: FeedOptions,
  ) {
    this.#warn = options.warn ?? ((line) => console.error(line));
  }

  get up(): boolean {
    return this.#up;
  }

  /** The listening session's backend process id (pg_stat_activity.pid), while connected. */
  get pid(): number | null {
    return (this.#client as { processID?: number } | null)?.processID ?? null;
  }

  subscribe(handlers: FeedHandlers): () => void {
    this.#handlers.add(handlers);
    if (!this.#client && !this.#starting && !this.#closed) this.#starting = this.#connect();
    return () => this.#handlers.delete(handlers);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#starting?.catch(() => {});
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }

  #deliver(event: Journaled<EventDraft>): void {
    if (this.#lastId === null || event.id > this.#lastId) this.#lastId = event.id;
    for (const h of this.#handlers) h.event(event);
  }

  #setState(up: boolean): void {
    if (this.#up === up) return;
    this.#up = up;
    for (const h of this.#handlers) h.state(up);
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      connectionTimeoutMillis: this.options.connectTimeout || undefined,
      keepAlive: true,
      application_name: "causette-listen",
    });
    let lost = false;
    const onLost = (why: string) => {
      if (lost) return;
      lost = true;
      if (this.#client === client) this.#client = null;
      this.#setState(false);
      client.end().catch(() => {});
      if (this.#closed) return;
      this.#warn(JSON.stringify({ level: "warn", msg: "event feed lost its connection", error: why }));
      this.#schedule();
    };
    client.on("error", (err) => onLost(err.message));
    client.on("end", () => onLost("connection ended"));
    // Notifications that arrive during the catch-up are held, then delivered after it.
    let held: Journaled<EventDraft>[] | null = [];
    let pendingIds: Promise<void> = Promise.resolve();
    client.on("notification", (msg) => {
      const parsed = parsePayload(msg.payload);
      if (parsed.events.length) {
        if (held) held.push(...parsed.events);
        else for (const e of parsed.events) this.#deliver(e);
      }
      // Only ids (a payload too long for NOTIFY): read them, in order with what follows.
      if (parsed.ids.length) pendingIds = pendingIds.then(() => this.#readIds(parsed.ids, () => held));
    });
    try {
      await client.connect();
      if (this.#closed) throw new Error("closed");
      const { rows } = await client.query<{ schema: string }>("SELECT current_schema() AS schema");
      await client.query(`LISTEN ${client.escapeIdentifier(NOTIFY_CHANNEL_PREFIX + rows[0]!.schema)}`);
      // Listening first, then reading the log: whatever commits from now on is notified.
      await this.#catchUp();
      const late = held;
      held = null;
      for (const e of late) this.#deliver(e);
      this.#client = client;
      this.#retry = RETRY_FIRST;
      this.#setState(true);
      this.#watch(client, onLost);
    } catch (err) {
      onLost((err as Error).message);
      this.#starting = null;
      this.#schedule();
    } finally {
      this.#starting = null;
    }
  }

  async #readIds(ids: number[], held: () => Journaled<EventDraft>[] | null): Promise<void> {
    for (const id of ids) {
      const [event] = await this.log.after(id - 1, {}, 1).catch(() => []);
      if (!event || event.id !== id) continue;
      const queue = held();
      if (queue) queue.push(event);
      else this.#deliver(event);
    }
  }

  async #catchUp(): Promise<void> {
    if (this.#lastId === null) {
      // The first start: nothing was cached or streamed yet, so the past is not owed.
      this.#lastId = await this.log.latestId();
      return;
    }
    let from = Math.max(0, this.#lastId - LATE_ARRIVAL_WINDOW);
    for (;;) {
      const batch = await this.log.after(from, {}, CATCH_UP_BATCH);
      for (const e of batch) this.#deliver(e);
      if (batch.length < CATCH_UP_BATCH) return;
      from = batch.at(-1)!.id;
    }
  }

  /** A silent connection may be dead (a cut without a reset): a query every few seconds tells. */
  #watch(client: pg.Client, onLost: (why: string) => void): void {
    const tick = () => {
      if (this.#client !== client) return;
      const deadline = setTimeout(() => onLost("no answer to the watch query"), WATCH_INTERVAL);
      client.query("SELECT 1").then(
        () => {
          clearTimeout(deadline);
          if (this.#client === client) this.#timer = setTimeout(tick, WATCH_INTERVAL).unref();
        },
        (err: Error) => {
          clearTimeout(deadline);
          onLost(err.message);
        },
      );
    };
    this.#timer = setTimeout(tick, WATCH_INTERVAL).unref();
  }

  #schedule(): void {
    if (this.#closed || this.#starting || this.#waiting) return;
    this.#waiting = true;
    const wait = this.#retry;
    this.#retry = Math.min(RETRY_MAX, this.#retry * 2);
    this.#timer = setTimeout(() => {
      this.#waiting = false;
      if (this.#closed || this.#client || this.#starting) return;
      this.#starting = this.#connect();
    }, wait);
    this.#timer.unref();
  }
}

function parsePayload(payload: string | undefined): { events: Journaled<EventDraft>[]; ids: number[] } {
  const events: Journaled<EventDraft>[] = [];
  const ids: number[] = [];
  try {
    const list = JSON.parse(payload ?? "[]") as unknown;
    if (Array.isArray(list))
      for (const item of list) {
        if (typeof item === "number") ids.push(item);
        else if (item && typeof item === "object" && typeof (item as { id?: unknown }).id === "number")
          events.push(item as Journaled<EventDraft>);
      }
  } catch {
    // Not ours: another program on the channel. Ignored.
  }
  return { events, ids };
}
