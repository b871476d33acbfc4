/**
 * @module live/hub
 * The live threads' fan-out: one listener on the domain's bus, and for each page with
 * readers connected to this server, the set of their Server-Sent Events streams. An event
 * is turned into its message once — one read of the comment, whatever the number of
 * readers — then written to every stream of the page. Streams hold only a controller, so an
 * idle one costs little; one timer sends every stream its heartbeat.
 *
 * What readers get is what `GET /api/comments` shows: a comment that is approved (or the
 * placeholder of a deleted one) as the public `Comment` JSON, serialised by the same
 * function; held and spam comments never; a comment that stops being public is a `remove`.
 */
import type { Comment } from "@causette/types";
import type { CommentEvent, EventBus } from "../comments/events.js";
import { toPublicComment } from "../serialize.js";
import type { EventDraft, Journaled } from "../store/journal.js";
import type { CommentRecord, Store } from "../store/types.js";

/** The events a stream sends, by SSE `event:` name (docs/api.md). */
export type LiveMessage =
  | { event: "comment"; data: Comment }
  | { event: "vote"; data: { id: string; score: number } }
  | { event: "remove"; data: { id: string } }
  | { event: "page"; data: { locked: boolean } }
  | { event: "reload"; data: { reason: "behind" | "moved" } };

export interface HubOptions {
  /** Milliseconds between heartbeats (an SSE comment line): proxies close silent streams. */
  heartbeatMs?: number;
  /** Events at most in one catch-up; a reader further behind is told to reload. */
  catchUpLimit?: number;
  /**
   * How far below a reconnecting reader's last id to read again (ids of a PostgreSQL
   * sequence may commit out of order; 0 on SQLite, where they cannot).
   */
  lateWindow?: number;
}

interface Stream {
  controller: ReadableStreamDefaultController<Uint8Array>;
  /** Live messages that arrived during the stream's catch-up, sent after it. */
  held: { id: number; bytes: Uint8Array }[] | null;
}

interface PageStreams {
  streams: Set<Stream>;
  /** Events of the page are handled one after the other, so messages keep the log's order. */
  chain: Promise<void>;
}

const PUBLIC = new Set(["approved", "deleted"]);
const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(":\n\n");

export class LiveHub {
  readonly #pages = new Map<string, PageStreams>();
  readonly #heartbeat: NodeJS.Timeout;
  readonly #catchUpLimit: number;
  readonly #lateWindow: number;
  #open = 0;

  constructor(
    private readonly store: Store,
    bus: EventBus,
    options: HubOptions = {},
  ) {
    this.#catchUpLimit = options.catchUpLimit ?? 500;
    this.#lateWindow = options.lateWindow ?? (store.dialect === "postgres" ? 1_000 : 0);
    bus.on((event) => this.#onEvent(event));
    this.#heartbeat = setInterval(() => this.#beat(), options.heartbeatMs ?? 25_000);
    this.#heartbeat.unref();
  }

  /** Streams open on this server (for tests and monitoring). */
  get size(): number {
    return this.#open;
  }

  /**
   * A new stream of the page's events; with `lastEventId` (a reconnection), what the reader
   * missed is sent first, read from the log.
   */
  open(site: string, page: string, lastEventId: number | null): ReadableStream<Uint8Array> {
    const key = `${site}\u0000${page}`;
    let stream: Stream | null = null;
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          stream = { controller, held: lastEventId === null ? null : [] };
          let entry = this.#pages.get(key);
          if (!entry) {
            entry = { streams: new Set(), chain: Promise.resolve() };
            this.#pages.set(key, entry);
          }
          entry.streams.add(stream);
          this.#open++;
          // The reconnection delay EventSource waits, and a first line so proxies pass the headers on.
          controller.enqueue(encoder.encode("retry: 2000\n:ok\n\n"));
          if (lastEventId !== null) void this.#catchUp(stream, site, page, lastEventId);
          // A first connection learns where the log stands: a client closed before any event
          // (a hidden tab) resumes from there, not from nothing.
          else void this.#ready(stream);
        },
        cancel: () => {
          if (stream) this.#close(key, stream);
        },
      },
      // Nothing is queued for a slow reader beyond what the socket holds: no high-water mark.
      { highWaterMark: 0 },
    );
  }

  #close(key: string, stream: Stream): void {
    const entry = this.#pages.get(key);
    if (!entry?.streams.delete(stream)) return;
    this.#open--;
    if (entry.streams.size === 0) this.#pages.delete(key);
  }

  #write(stream: Stream, bytes: Uint8Array): void {
    try {
      stream.controller.enqueue(bytes);
    } catch {
      // Closed meanwhile: its cancel removes it.
    }
  }

  #beat(): void {
    for (const entry of this.#pages.values())
      for (const stream of entry.streams) this.#write(stream, HEARTBEAT);
  }

  #onEvent(event: CommentEvent): void {
    const key = `${event.site}\u0000${event.page}`;
    const entry = this.#pages.get(key);
    if (!entry) return;
    entry.chain = entry.chain.then(async () => {
      const message = await this.#message(event);
      if (!message) return;
      const bytes = encoder.encode(format(event.id, message));
      for (const stream of entry.streams) {
        if (stream.held) stream.held.push({ id: event.id, bytes });
        else this.#write(stream, bytes);
      }
    });
    entry.chain = entry.chain.catch((err: unknown) =>
      console.error(JSON.stringify({ level: "error", msg: "live event failed", error: String(err) })),
    );
  }

  async #ready(stream: Stream): Promise<void> {
    try {
      const latest = await this.store.events.latestId();
      this.#write(stream, encoder.encode(`id: ${latest}\nevent: ready\ndata: {}\n\n`));
    } catch {
      // The database is down: no starting point; the client's first event gives one.
    }
  }

  async #catchUp(stream: Stream, site: string, page: string, lastId: number): Promise<void> {
    const sent = new Set<number>();
    try {
      const oldest = await this.store.events.oldestId();
      const from = Math.max(0, lastId - this.#lateWindow);
      const events = await this.store.events.after(from, { site, page }, this.#catchUpLimit + 1);
      if ((oldest !== null && lastId + 1 < oldest) || events.length > this.#catchUpLimit) {
        const latest = await this.store.events.latestId();
        this.#write(stream, encoder.encode(format(latest, { event: "reload", data: { reason: "behind" } })));
      } else {
        // One message per comment (its state now) and per score, at the id of its last event.
        const last = new Map<string, Journaled<EventDraft>>();
        for (const e of events)
          last.set(`${e.type.startsWith("comment.") ? "comment" : e.type}:${e.commentId ?? ""}`, e);
        for (const e of [...last.values()].sort((a, b) => a.id - b.id)) {
          const message = await this.#message(e as CommentEvent);
          sent.add(e.id);
          if (message) this.#write(stream, encoder.encode(format(e.id, message)));
        }
      }
    } catch {
      // The database is down: the reader reconnects (EventSource does) and asks again.
      try {
        stream.controller.close();
      } catch {}
    } finally {
      const held = stream.held ?? [];
      stream.held = null;
      for (const m of held) if (!sent.has(m.id)) this.#write(stream, m.bytes);
    }
  }

  async #message(event: CommentEvent): Promise<LiveMessage | null> {
    switch (event.type) {
      case "page.locked":
        return { event: "page", data: { locked: event.locked } };
      case "page.moved":
        return { event: "reload", data: { reason: "moved" } };
      case "vote.changed": {
        const record = await this.store.getComment(event.commentId);
        return record && (await this.#shown(record))
          ? { event: "vote", data: { id: record.id, score: event.score } }
          : null;
      }
      default: {
        const record = await this.store.getComment(event.commentId);
        if (!record) return null;
        if (await this.#shown(record)) return { event: "comment", data: toPublicComment(record) };
        // Held again, or spam: readers that saw it lose it; others never hear of it.
        if (event.type === "comment.status_changed" && PUBLIC.has(event.from))
          return { event: "remove", data: { id: record.id } };
        return null;
      }
    }
  }

  /** Whether the public thread shows `record`: public itself, under a public parent. */
  async #shown(record: CommentRecord): Promise<boolean> {
    if (!PUBLIC.has(record.status)) return false;
    if (!record.parentId) return true;
    const parent = await this.store.getComment(record.parentId);
    return parent !== null && PUBLIC.has(parent.status);
  }

  /** Ends every stream (a server shutting down). */
  close(): void {
    clearInterval(this.#heartbeat);
    for (const [key, entry] of this.#pages)
      for (const stream of entry.streams) {
        this.#close(key, stream);
        try {
          stream.controller.close();
        } catch {}
      }
  }
}

function format(id: number, message: LiveMessage): string {
  return `id: ${id}\nevent: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`;
}
