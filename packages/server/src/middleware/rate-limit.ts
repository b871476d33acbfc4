/**
 * Counts public writes per client and site in fixed one-minute windows, in memory. The key
 * is a keyed hash of the client address: no address is kept. Each server process counts
 * on its own (behind N servers, a client gets up to N × the limit).
 */
import type { Context } from "hono";
import { CausetteError } from "../errors.js";

const WINDOW_MS = 60_000;

export class RateLimiter {
  readonly #hits = new Map<string, { start: number; count: number }>();

  constructor(readonly perMinute: number) {}

  /** Returns 0 when allowed, else the seconds to wait. */
  take(key: string, now = Date.now()): number {
    if (this.perMinute <= 0) return 0;
    if (this.#hits.size > 50_000) this.sweep(now);
    let entry = this.#hits.get(key);
    if (!entry || now - entry.start >= WINDOW_MS) {
      entry = { start: now, count: 0 };
      this.#hits.set(key, entry);
    }
    if (entry.count >= this.perMinute) return Math.max(1, Math.ceil((entry.start + WINDOW_MS - now) / 1000));
    entry.count++;
    return 0;
  }

  sweep(now = Date.now()): void {
    for (const [key, entry] of this.#hits) if (now - entry.start >= WINDOW_MS) this.#hits.delete(key);
  }
}

/** Throws 429 `rate_limited` with `Retry-After` when the client is over its budget. */
export function enforce(limiter: RateLimiter, key: string, _c?: Context): void {
  const wait = limiter.take(key);
  if (wait > 0)
    throw new CausetteError("rate_limited", `Too many writes: try again in ${wait} s.`, { retryAfter: wait });
}
