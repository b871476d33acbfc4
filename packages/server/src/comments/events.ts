/**
 * @module comments/events
 * What happened to comments, told once per committed change by the comments domain. Every
 * event is plain JSON (ids, kinds and small values, never a whole record or an address) so
 * that it can cross processes — PostgreSQL NOTIFY, a webhook, a Server-Sent Event — as is;
 * listeners read anything larger from the store.
 */
import type { AdminCommentStatus } from "@causette/types";
import type { Journaled } from "../store/journal.js";

interface Base {
  site: string;
  /** The page id whose thread changed. */
  page: string;
  /** ISO 8601 UTC time of the change. */
  at: string;
}

/** An event as the domain describes it, before the event log gives it an id. */
export type CommentEventDraft =
  | (Base & {
      type: "comment.created";
      commentId: string;
      parentId: string | null;
      status: AdminCommentStatus;
      /** Who wrote it: a reader through the API, a moderator's reply, or an import. */
      by: "reader" | "moderator";
    })
  | (Base & {
      type: "comment.edited";
      commentId: string;
      status: AdminCommentStatus;
      by: "author" | "moderator";
    })
  | (Base & { type: "comment.deleted"; commentId: string; by: "author" | "moderator" })
  | (Base & {
      type: "comment.status_changed";
      commentId: string;
      from: AdminCommentStatus;
      to: AdminCommentStatus;
    })
  | (Base & { type: "vote.changed"; commentId: string; score: number })
  | (Base & { type: "page.locked"; locked: boolean })
  | (Base & { type: "page.moved"; to: string });

/**
 * An event as listeners receive it: written to the event log in the transaction of its
 * change (store/journal.ts), with the log's id — unique and increasing across every server
 * that shares the database.
 */
export type CommentEvent = Journaled<CommentEventDraft>;

export type CommentEventType = CommentEvent["type"];

/** How many recent event ids the bus remembers to tell each event once. */
const RECENT_IDS = 20_000;

export type Listener = (event: CommentEvent) => void | Promise<void>;

/**
 * The in-process bus: the domain emits each event once its change committed (with the event
 * log's id); caches, live streams, e-mails and webhooks listen. A listener that throws is logged and never undoes the change nor stops
 * the others.
 *
 * @example
 * const bus = new EventBus();
 * const off = bus.on((e) => { if (e.type === "comment.created") console.log(e.commentId); });
 * bus.emit({ id: 1, type: "page.locked", site: "default", page: "/p/", at: new Date().toISOString(), locked: true });
 * off();
 */
export class EventBus {
  readonly #listeners = new Set<Listener>();
  readonly #recent = new Set<number>();

  constructor(private readonly log: (line: string) => void = (line) => console.error(line)) {}

  on(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Tells every listener of `event`, once per id: on PostgreSQL the same event reaches a
   * server twice (its own commit, and the database's NOTIFY to every server), or again in a
   * catch-up after a lost connection. Ids are remembered up to `RECENT_IDS`.
   */
  emit(event: CommentEvent): void {
    if (this.#recent.has(event.id)) return;
    this.#recent.add(event.id);
    if (this.#recent.size > RECENT_IDS) {
      // A Set iterates in insertion order: the oldest ids go first.
      let drop = this.#recent.size - RECENT_IDS / 2;
      for (const id of this.#recent) {
        if (drop-- <= 0) break;
        this.#recent.delete(id);
      }
    }
    for (const listener of this.#listeners) {
      try {
        const pending = listener(event);
        if (pending) pending.catch((err: unknown) => this.#report(event, err));
      } catch (err) {
        this.#report(event, err);
      }
    }
  }

  #report(event: CommentEvent, err: unknown): void {
    this.log(
      JSON.stringify({
        level: "error",
        msg: "event listener failed",
        event: event.type,
        error: String((err as Error)?.stack ?? err),
      }),
    );
  }
}
