/**
 * @module hooks/config
 * `CAUSETTE_WEBHOOK_URL` (one or several http(s) URLs, separated by commas or white space),
 * `CAUSETTE_WEBHOOK_SECRET` (a Standard Webhooks secret, `whsec_` + base64) and
 * `CAUSETTE_WEBHOOK_ALLOW_PRIVATE` (`1` lets deliveries reach loopback and private
 * addresses). Checked at start-up: a bad value stops the server with a message that says
 * which and why.
 */
import { createHmac } from "node:crypto";

export interface WebhookConfig {
  urls: string[];
  /** The configured secret's key bytes; null = derived from the database's secret (`webhookKey`). */
  key: Buffer | null;
  /** Deliveries may go to loopback, private, link-local… addresses (see hooks/address.ts). */
  allowPrivate: boolean;
}

export const WEBHOOK_ENV = {
  url: "CAUSETTE_WEBHOOK_URL",
  secret: "CAUSETTE_WEBHOOK_SECRET",
  allowPrivate: "CAUSETTE_WEBHOOK_ALLOW_PRIVATE",
} as const;

/** Thrown for a value that cannot be used; `loadConfig` turns it into a `ConfigError`. */
export class WebhookConfigError extends Error {}

export function parseWebhookConfig(env: Record<string, string | undefined>): WebhookConfig | null {
  const raw = env[WEBHOOK_ENV.url]?.trim();
  const urls: string[] = [];
  for (const text of raw ? raw.split(/[\s,]+/).filter(Boolean) : []) {
    let url: URL | null = null;
    try {
      url = new URL(text);
    } catch {}
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:"))
      throw new WebhookConfigError(
        `${WEBHOOK_ENV.url}: "${text}" is not an http(s) URL like https://hooks.example.com/causette.`,
      );
    if (url.username || url.password)
      throw new WebhookConfigError(
        `${WEBHOOK_ENV.url}: "${url.host}" carries a user name or password; put credentials in the URL's path or query instead.`,
      );
    url.hash = "";
    if (!urls.includes(url.href)) urls.push(url.href);
  }
  const secret = env[WEBHOOK_ENV.secret]?.trim();
  const allow = env[WEBHOOK_ENV.allowPrivate]?.trim();
  if (allow && allow !== "0" && allow !== "1")
    throw new WebhookConfigError(`${WEBHOOK_ENV.allowPrivate} must be 1 or 0, not "${allow}".`);
  if (!urls.length) {
    if (secret) parseSecret(secret);
    return null;
  }
  return { urls, key: secret ? parseSecret(secret) : null, allowPrivate: allow === "1" };
}

/** `whsec_` + base64 of 24 to 64 random bytes, as Standard Webhooks describes its secrets. */
export function parseSecret(text: string): Buffer {
  const m = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(text);
  const key = m ? Buffer.from(m[1]!, "base64") : null;
  if (!key || key.length < 24 || key.length > 64)
    throw new WebhookConfigError(
      `${WEBHOOK_ENV.secret} must be "whsec_" followed by the base64 of 24 to 64 bytes (run \`causette webhooks secret\` for one).`,
    );
  return key;
}

/**
 * The signing key: the configured secret, or one derived from the database's own secret —
 * the same on every server of the database, printed by `causette webhooks secret`.
 */
export function webhookKey(config: WebhookConfig | null, databaseSecret: string): Buffer {
  return config?.key ?? createHmac("sha256", databaseSecret).update("causette webhook signing key").digest();
}

export const secretText = (key: Buffer): string => `whsec_${key.toString("base64")}`;
