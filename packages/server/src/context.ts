/** What every route needs, built once by `createApp`. */
import type { Context } from "hono";
import type { ThreadCache } from "./cache/thread-cache.js";
import type { CommentsDomain } from "./comments/domain.js";
import type { EventBus } from "./comments/events.js";
import type { Config } from "./config.js";
import { clientAddress } from "./middleware/client.js";
import { enforce, type RateLimiter } from "./middleware/rate-limit.js";
import { keyedHash } from "./security/crypto.js";
import type { Store } from "./store/types.js";

export interface AppContext {
  store: Store;
  config: Config;
  limiter: RateLimiter;
  cache: ThreadCache;
  /** Every change to a comment goes through it. */
  comments: CommentsDomain;
  /** Where the domain announces each change (caches, and later streams, e-mails, webhooks). */
  bus: EventBus;
  /** The per-database secret (HMAC key for addresses, voters, avatars, form tokens). */
  secret: () => Promise<string>;
}

/** A keyed hash of the client's address: what is stored (comments) and counted (rate limits). */
export async function clientHash(ctx: AppContext, c: Context): Promise<string> {
  return keyedHash(await ctx.secret(), "ip", clientAddress(c, ctx.config.trustProxy));
}

/** Counts one public write of this client (on this site); throws 429 over the limit. */
export async function countWrite(ctx: AppContext, c: Context, site = ""): Promise<string> {
  const ipHash = await clientHash(ctx, c);
  enforce(ctx.limiter, `${site}\u0000${ipHash}`);
  return ipHash;
}
