/**
 * Per-client limits on public writes, each behind the small `RateLimiter` interface so a
 * shared (database) counter can replace the in-memory one without touching the routes.
 * Keys are keyed hashes of the client: no address is kept. In memory, each server process
 * counts on its own (behind N servers, a client gets up to N × a limit).
 */
import { CausetteError } from "../errors.js";

/** Takes one unit of `key`'s budget: 0 when allowed, else the seconds to wait. */
export interface RateLimiter {
  take(key: string, now?: number): Promise<number>;
}

/** Votes and shares have budgets of their own: liking ten comments must not block a reply. */
export interface WriteLimits {
  /** Comments, edits and deletions per minute per client (`CAUSETTE_RATE_LIMIT`). */
  writes: RateLimiter;
  /** Votes per minute per client. */
  votes: RateLimiter;
  /** Votes per hour per client on one page: a voter id is free, a client's address is not. */
  pageVotes: RateLimiter;
  /** Share clicks per minute per client. */
  shares: RateLimiter;
}

export const VOTES_PER_MINUTE = 30;
export const VOTES_PER_PAGE_HOUR = 60;
export const SHARES_PER_MINUTE = 30;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Fixed windows in a Map; `limit` 0 lets everything through. */
export class MemoryRateLimiter implements RateLimiter {
  readonly #hits = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number = MINUTE_MS,
  ) {}

  async take(key: string, now = Date.now()): Promise<number> {
    if (this.limit <= 0) return 0;
    if (this.#hits.size > 50_000) this.sweep(now);
    let entry = this.#hits.get(key);
    if (!entry || now - entry.start >= this.windowMs) {
      entry = { start: now, count: 0 };
      this.#hits.set(key, entry);
    }
    if (entry.count >= this.limit) return Math.max(1, Math.ceil((entry.start + this.windowMs - now) / 1000));
    entry.count++;
    return 0;
  }

  sweep(now = Date.now()): void {
    for (const [key, entry] of this.#hits) if (now - entry.start >= this.windowMs) this.#hits.delete(key);
  }
}

/**
 * The in-memory limits for a `CAUSETTE_RATE_LIMIT` of `perMinute`; 0 turns every one of them
 * off (tests and trusted bulk use rely on it).
 *
 * @example const limits = memoryLimits(10); await spend(limits.votes, clientHash);
 */
export function memoryLimits(perMinute: number): WriteLimits {
  const on = perMinute > 0;
  return {
    writes: new MemoryRateLimiter(perMinute),
    votes: new MemoryRateLimiter(on ? VOTES_PER_MINUTE : 0),
    pageVotes: new MemoryRateLimiter(on ? VOTES_PER_PAGE_HOUR : 0, HOUR_MS),
    shares: new MemoryRateLimiter(on ? SHARES_PER_MINUTE : 0),
  };
}

/** Throws 429 `rate_limited` with `Retry-After` when `key` is over its budget in `limiter`. */
export async function spend(limiter: RateLimiter, key: string, what = "writes"): Promise<void> {
  const wait = await limiter.take(key);
  if (wait > 0)
    throw new CausetteError("rate_limited", `Too many ${what}: try again in ${wait} s.`, {
      retryAfter: wait,
    });
}
