/**
 * The server's settings, read from `CAUSETTE_*` variables (API.md) with their defaults.
 *
 * @example
 * const config = loadConfig({ CAUSETTE_RATE_LIMIT: "0" });
 */
import { availableParallelism } from "node:os";
import { DEFAULTS, ENV, LIMITS, MODERATION_MODES, type ModerationMode } from "@causette/types";
import { parseWebhookConfig, type WebhookConfig, WebhookConfigError } from "./hooks/config.js";
import { parseTrustProxy } from "./middleware/proxy.js";
import { type MailSettings, MailSettingsError, mailSettings } from "./notify/settings.js";
import type { DatabaseTimeouts } from "./store/postgres-pool.js";

export interface Config {
  /** Origins allowed to write from a browser; `null` = the server's own and http://localhost:*. */
  origins: string[] | null;
  moderation: ModerationMode;
  adminPassword: string | null;
  /** Comments, edits and deletions per minute per client; 0 turns every per-client limit off. */
  rateLimit: number;
  /** Seconds during which an author may edit or delete. */
  editWindow: number;
  // ---- the client and the server as a proxy in front reports them ----
  /** Peers whose X-Forwarded-* headers count: `loopback`, `private`, addresses, CIDRs. */
  trustProxy: string[];
  /** The server's public origin (`https://comments.example.com`); null = from the request. */
  publicUrl: string | null;
  /** One JSON line per request on stdout. */
  log: boolean;
  /** `CAUSETTE_WEBHOOK_*` (hooks/config.ts); null when no URL is set. */
  webhooks: WebhookConfig | null;
  /** E-mail: the relay, the sender, the owner's alerts (notify/settings.ts). */
  mail: MailSettings;
}

/** A setting that cannot be used as given: the CLI prints it and exits with code 2. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

function integer(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number ≥ 0, not "${raw}".`);
  return Number(raw);
}

/** Parses `CAUSETTE_ORIGINS`: comma-separated origins, `*` ports allowed (`http://localhost:*`). */
export function parseOrigins(raw: string | undefined): string[] | null {
  if (!raw?.trim()) return null;
  const list = raw
    .split(",")
    .map((o) => o.trim().replace(/\/+$/, "").toLowerCase())
    .filter(Boolean);
  for (const origin of list) {
    if (origin === "*") continue;
    if (!/^https?:\/\/[^/\s]+$/.test(origin))
      throw new ConfigError(`${ENV.origins}: "${origin}" is not an origin like https://blog.example.com.`);
  }
  return list;
}

/** Parses `CAUSETTE_PUBLIC_URL` down to its origin (a path after it is ignored). */
export function parsePublicUrl(raw: string | undefined): string | null {
  const text = raw?.trim();
  if (!text) return null;
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {}
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:"))
    throw new ConfigError(`${ENV.publicUrl}: "${text}" is not a URL like https://comments.example.com.`);
  return url.origin;
}

function trustProxy(raw: string | undefined): string[] {
  try {
    return parseTrustProxy(raw);
  } catch (err) {
    throw new ConfigError(`${ENV.trustProxy}: ${(err as Error).message}`);
  }
}

function webhooks(env: Record<string, string | undefined>): WebhookConfig | null {
  try {
    return parseWebhookConfig(env);
  } catch (err) {
    if (err instanceof WebhookConfigError) throw new ConfigError(err.message);
    throw err;
  }
}

function mail(env: Record<string, string | undefined>): MailSettings {
  try {
    return mailSettings(env);
  } catch (err) {
    if (err instanceof MailSettingsError) throw new ConfigError(err.message);
    throw err;
  }
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
): Config {
  const adminPassword = env[ENV.adminPassword] || null;
  const modeRaw = env[ENV.moderation]?.trim();
  if (modeRaw && !(MODERATION_MODES as readonly string[]).includes(modeRaw))
    throw new ConfigError(
      `${ENV.moderation} must be one of ${MODERATION_MODES.join(", ")}, not "${modeRaw}".`,
    );
  const config: Config = {
    origins: parseOrigins(env[ENV.origins]),
    moderation: (modeRaw as ModerationMode | undefined) ?? (adminPassword ? "first" : "none"),
    adminPassword,
    rateLimit: integer(env, ENV.rateLimit, LIMITS.rateLimitDefault),
    editWindow: integer(env, ENV.editWindow, LIMITS.editWindowDefault),
    trustProxy: trustProxy(env[ENV.trustProxy]),
    publicUrl: parsePublicUrl(env[ENV.publicUrl]),
    log: env[ENV.log] !== "off",
    webhooks: webhooks(env),
    mail: mail(env),
    ...overrides,
  };
  if (config.mail.smtpUrl && !config.publicUrl)
    throw new ConfigError(
      `${ENV.smtpUrl} needs ${ENV.publicUrl}: e-mails link to the server's pages (confirm, unsubscribe).`,
    );
  return config;
}

/**
 * PostgreSQL's bounds on waiting, from `CAUSETTE_DB_CONNECT_TIMEOUT` and
 * `CAUSETTE_DB_QUERY_TIMEOUT` (whole seconds; 0 = no bound), in milliseconds.
 *
 * @example databaseTimeouts({ CAUSETTE_DB_QUERY_TIMEOUT: "30" }) // { connect: 5000, query: 30000 }
 */
export function databaseTimeouts(env: Record<string, string | undefined> = process.env): DatabaseTimeouts {
  return {
    connect: integer(env, ENV.dbConnectTimeout, DEFAULTS.dbConnectTimeout) * 1000,
    query: integer(env, ENV.dbQueryTimeout, DEFAULTS.dbQueryTimeout) * 1000,
  };
}

/**
 * The PostgreSQL pool's size: `CAUSETTE_DB_POOL` when set (≥ 1), else sized for the machine
 * (`defaultPoolSize`). Each server of a cluster has its own pool, plus one listening connection.
 */
export function databasePoolSize(env: Record<string, string | undefined> = process.env): number {
  const size = integer(env, ENV.dbPool, 0);
  return size > 0 ? size : defaultPoolSize();
}

/**
 * One Node process runs one query at a time per connection and waits on the network: two
 * connections per core keep the database busy while the event loop works, four at least for
 * bursts, sixteen at most so that several servers stay under PostgreSQL's 100 connections.
 */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.max(4, Math.min(16, cores * 2 + 2));
}

/** Days of the event log kept (`CAUSETTE_EVENTS_RETENTION`, at least 1). */
export function eventsRetentionDays(env: Record<string, string | undefined> = process.env): number {
  const days = integer(env, ENV.eventsRetention, DEFAULTS.eventsRetention);
  if (days < 1) throw new ConfigError(`${ENV.eventsRetention} must be at least 1 (days).`);
  return days;
}
