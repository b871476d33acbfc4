/**
 * @module live/maintenance
 * What a running server tidies, once at start and then every hour: events older than the
 * retention (`CAUSETTE_EVENTS_RETENTION` days; a live stream further behind is told to
 * reload its thread), outbox messages done with (sent, dead or dropped) for as long, and
 * rate-limit windows that ended. Several servers doing it at once
 * on one PostgreSQL is harmless: each DELETE only removes what is due.
 *
 * Pruning is by age alone: the e-mail outbox (issue "Conversations that come back") reads
 * the log too, and must be given a say here (the oldest id it has not dispatched) once it
 * exists — see `PruneGuard`.
 */
import type { Store } from "../store/types.js";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The lowest event id a reader of the log still needs (the outbox), or null when none. */
export type PruneGuard = () => Promise<number | null>;

export interface Maintenance {
  /** One pass now (tests call it); resolves with what was removed. */
  run(now?: number): Promise<{ events: number; counters: number; outbox: number }>;
  stop(): void;
}

export function startMaintenance(
  store: Store,
  options: { retentionDays: number; everyMs?: number; guard?: PruneGuard; warn?: (line: string) => void },
): Maintenance {
  const warn = options.warn ?? ((line: string) => console.error(line));
  const run = async (now = Date.now()) => {
    const before = new Date(now - options.retentionDays * DAY_MS).toISOString();
    const needed = (await options.guard?.()) ?? null;
    // Events the outbox still needs are kept, whatever their age.
    const events =
      needed === null ? await store.events.prune(before) : await pruneBelow(store, before, needed);
    const counters = await store.counters.sweep(now);
    // E-mails and webhook deliveries that are over (the admin's Deliveries view lists them
    // until then; queued and retrying ones are never removed).
    const outbox = await store.outbox.prune(before);
    return { events, counters, outbox };
  };
  const pass = () =>
    run().catch((err: unknown) =>
      warn(
        JSON.stringify({
          level: "warn",
          msg: "maintenance failed",
          error: String((err as Error)?.message ?? err),
        }),
      ),
    );
  void pass();
  const timer = setInterval(pass, options.everyMs ?? HOUR_MS);
  timer.unref();
  return { run, stop: () => clearInterval(timer) };
}

/** Prunes by age, but never an event at or above `keepFrom`. */
async function pruneBelow(store: Store, before: string, keepFrom: number): Promise<number> {
  const oldest = await store.events.oldestId();
  if (oldest === null || oldest >= keepFrom) return 0;
  // The log's prune takes a time; events below `keepFrom` that are also older than `before`
  // are what may go. Read the time of the first kept event and prune before the earlier one.
  const [first] = await store.events.after(keepFrom - 1, {}, 1);
  const cut = first && first.at < before ? first.at : before;
  return store.events.prune(cut);
}
