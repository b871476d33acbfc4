/**
 * What the spam rules need to know beyond the submission, read from the store: the block
 * list and this client's comments of the last hour, on every site (the hourly cap and the
 * burst signal count them all; the duplicate rule compares within a site).
 */
import type { AppContext } from "../context.js";
import type { ModerationFacts } from "./moderate.js";
import { DEFAULT_THRESHOLDS, type Thresholds } from "./rules.js";

const HOUR_MS = 60 * 60_000;

export async function spamFacts(
  ctx: AppContext,
  ipHash: string,
  now = Date.now(),
): Promise<Pick<ModerationFacts, "bans" | "recent" | "ipHash" | "now" | "thresholds">> {
  const [bans, recent] = await Promise.all([
    ctx.store.admin.listBans(),
    ctx.store.admin.recentByClient(ipHash, new Date(now - HOUR_MS).toISOString()),
  ]);
  // CAUSETTE_RATE_LIMIT=0 turns rate limiting off (tests, trusted bulk use): the hourly cap
  // and the burst signal too.
  const thresholds: Partial<Thresholds> =
    ctx.config.rateLimit === 0
      ? { hourlyMax: Number.POSITIVE_INFINITY, burstCount: Number.POSITIVE_INFINITY }
      : { hourlyMax: Math.max(DEFAULT_THRESHOLDS.hourlyMax, ctx.config.rateLimit) };
  return { bans, recent, ipHash, now, thresholds };
}
