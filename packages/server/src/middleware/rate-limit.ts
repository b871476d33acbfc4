/**
 * Per-client limits on public writes, each behind the small `RateLimiter` interface so a
 * shared (database) counter can replace the in-memory one without touching the routes.
 * Keys are keyed hashes of the client: no address is kept. In memory, each server process
 * counts on its own (behind N servers, a client would get up to N × a limit): that is the
 * SQLite path, one server. On PostgreSQL every server counts in the database
 * (`databaseLimits`, store/rate-counters.ts), so the limits hold for the cluster.
 */
import { createHash } from "node:crypto";
import { CausetteError } from "../errors.js";
import type { RateCounters } from "../store/rate-counters.js";

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
  /**
   * One unit per hour per key: a client's click counts once per page and network an hour
   * (on even when the per-client limits are off: it keeps counts honest, not servers safe).
   */
  shareOnce: RateLimiter;
}

export const VOTES_PER_MINUTE = 30;
export const VOTES_PER_PAGE_HOUR = 60;
export const SHARES_PER_MINUTE = 30;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const SHARE_REPEAT_MS = HOUR_MS;

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
    shareOnce: new MemoryRateLimiter(1, SHARE_REPEAT_MS),
  };
}

/** Fixed windows in the database, shared by every server on it. Keys are prefixed per limit. */
export class DatabaseRateLimiter implements RateLimiter {
  constructor(
    private readonly counters: RateCounters,
    readonly name: string,
    readonly limit: number,
    readonly windowMs: number = MINUTE_MS,
  ) {}

  async take(key: string, now = Date.now()): Promise<number> {
    if (this.limit <= 0) return 0;
    // A digest: bounded length, and no NUL byte (the keys join their parts with one, and
    // PostgreSQL's text refuses it).
    const digest = createHash("sha256").update(key).digest("base64url");
    const waitMs = await this.counters.take(`${this.name}:${digest}`, this.limit, this.windowMs, now);
    return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0;
  }
}

/**
 * The same limits as `memoryLimits`, counted in the database: what a cluster of servers on
 * one PostgreSQL uses, so that N servers do not make N budgets.
 *
 * @example const limits = databaseLimits(store.counters, config.rateLimit);
 */
export function databaseLimits(counters: RateCounters, perMinute: number): WriteLimits {
  const on = perMinute > 0;
  return {
    writes: new DatabaseRateLimiter(counters, "writes", perMinute),
    votes: new DatabaseRateLimiter(counters, "votes", on ? VOTES_PER_MINUTE : 0),
    pageVotes: new DatabaseRateLimiter(counters, "page-votes", on ? VOTES_PER_PAGE_HOUR : 0, HOUR_MS),
    shares: new DatabaseRateLimiter(counters, "shares", on ? SHARES_PER_MINUTE : 0),
    shareOnce: new DatabaseRateLimiter(counters, "share-once", 1, SHARE_REPEAT_MS),
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
