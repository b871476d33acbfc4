/** What every route needs, built once by `createApp`. */
import type { Context } from "hono";
import type { ThreadCache } from "./cache/thread-cache.js";
import type { CommentsDomain } from "./comments/domain.js";
import type { EventBus } from "./comments/events.js";
import type { Config } from "./config.js";
import { clientAddress, clientKey } from "./middleware/client.js";
import { type ProxyTrust, serverOrigin } from "./middleware/proxy.js";
import { spend, type WriteLimits } from "./middleware/rate-limit.js";
import type { Notifier } from "./notify/notify.js";
import type { Outbox } from "./outbox/outbox.js";
import { keyedHash } from "./security/crypto.js";
import type { Store } from "./store/types.js";

export interface AppContext {
  store: Store;
  config: Config;
  limits: WriteLimits;
  /** The peers whose X-Forwarded-* headers count (`CAUSETTE_TRUST_PROXY`). */
  proxies: ProxyTrust;
  cache: ThreadCache;
  /** Every change to a comment goes through it. */
  comments: CommentsDomain;
  /** Where the domain announces each change (caches, and later streams, e-mails, webhooks). */
  bus: EventBus;
  /**
   * E-mails and webhook deliveries: features register expanders (event → messages) and
   * transports (channel → send) on it; `causette serve` starts its loops.
   */
  outbox: Outbox;
  /** Reply e-mails and owner alerts; null when the server sends no e-mail (no CAUSETTE_SMTP_URL). */
  mail: Notifier | null;
  /** The per-database secret (HMAC key for addresses, voters, avatars, form tokens). */
  secret: () => Promise<string>;
}

/**
 * A keyed hash of the client (its address, an IPv6 one by /64): what is stored with
 * comments and counted by the limits and the login lockout.
 */
export async function clientHash(ctx: AppContext, c: Context): Promise<string> {
  return keyedHash(await ctx.secret(), "ip", clientKey(clientAddress(c, ctx.proxies)));
}

/** The origin the browser sees for this server (`CAUSETTE_PUBLIC_URL`, a trusted proxy, the URL). */
export function serverOriginOf(ctx: AppContext, c: Context): string {
  return serverOrigin(c, ctx.config.publicUrl, ctx.proxies);
}

/**
 * Counts one comment, edit or deletion of this client, whatever the site (a new `site`
 * value must not be a new budget); throws 429 over the limit. Returns the client's hash.
 */
export async function countWrite(ctx: AppContext, c: Context): Promise<string> {
  const ipHash = await clientHash(ctx, c);
  await spend(ctx.limits.writes, ipHash);
  return ipHash;
}

/** Counts one vote: per minute, and per page and hour (votes are a signal, not a ballot). */
export async function countVote(ctx: AppContext, c: Context, site: string, page: string): Promise<void> {
  const ipHash = await clientHash(ctx, c);
  await spend(ctx.limits.votes, ipHash, "votes");
  await spend(ctx.limits.pageVotes, `${ipHash}\u0000${site}\u0000${page}`, "votes on this page");
}

/** Counts one share click; returns the client's hash (for the once-an-hour rule). */
export async function countShare(ctx: AppContext, c: Context): Promise<string> {
  const ipHash = await clientHash(ctx, c);
  await spend(ctx.limits.shares, ipHash, "shares");
  return ipHash;
}
