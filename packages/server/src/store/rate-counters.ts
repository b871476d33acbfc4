/**
 * @module store/rate-counters
 * Fixed-window counters in the database, so that a limit holds for every server sharing it
 * (N servers counting in memory let a client through N times). One statement per take: an
 * upsert that starts a new window when the old one ended, or counts one more, and returns
 * the window — atomic on SQLite and PostgreSQL alike, without a read-then-write race.
 */
import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.js";

export interface RateCounters {
  /**
   * Counts one hit of `key` in its current window of `windowMs` (starting a window when
   * none is open) unless `limit` hits were already counted there: 0 when counted, else the
   * milliseconds until the window ends.
   */
  take(key: string, limit: number, windowMs: number, now?: number): Promise<number>;
  /** Deletes windows that ended before `now`; returns how many. */
  sweep(now?: number): Promise<number>;
}

export class KyselyRateCounters implements RateCounters {
  constructor(private readonly db: Kysely<Database>) {}

  async take(key: string, limit: number, windowMs: number, now = Date.now()): Promise<number> {
    if (limit <= 0) return 0;
    const expired = sql<boolean>`rate_counters.window_start <= ${now - windowMs}`;
    // The count stops at limit + 1: at most `limit` hits are counted, and a refused one is
    // told apart from the last counted one. A full window keeps its start, so a client that
    // keeps trying is not pushed further back.
    const row = await this.db
      .insertInto("rate_counters")
      .values({ key, window_start: now, window_ms: windowMs, count: 1 })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({
          window_start: sql`CASE WHEN ${expired} THEN ${now} ELSE rate_counters.window_start END`,
          window_ms: windowMs,
          count: sql`CASE WHEN ${expired} THEN 1 WHEN rate_counters.count <= ${limit} THEN rate_counters.count + 1 ELSE rate_counters.count END`,
        }),
      )
      .returning(["window_start", "count"])
      .executeTakeFirstOrThrow();
    if (Number(row.count) <= limit) return 0;
    return Math.max(1, Number(row.window_start) + windowMs - now);
  }

  async sweep(now = Date.now()): Promise<number> {
    const result = await this.db
      .deleteFrom("rate_counters")
      .where(sql<boolean>`window_start + window_ms <= ${now}`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
