/**
 * @module notify/settings
 * E-mail settings from `CAUSETTE_SMTP_URL`, `CAUSETTE_MAIL_*` and `CAUSETTE_OWNER_*`
 * (docs/notifications.md, docs/server.md).
 */
import { ENV } from "@causette/types";

export type MailLang = "en" | "fr";
export type OwnerNotify = "all" | "pending" | "none";

export interface MailSettings {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…`; null: no e-mail at all. */
  smtpUrl: string | null;
  from: string;
  lang: MailLang;
  /** Replies that follow a sent reply e-mail within this window go out together after it. */
  groupMs: number;
  ownerEmail: string | null;
  ownerNotify: OwnerNotify;
  /** How long an owner's Approve / Spam / Delete link works. */
  linkTtlMs: number;
}

/**
 * The language of a subscriber's e-mails: their page's (a BCP 47 tag the widget reported)
 * when the server speaks it, else the server's (CAUSETTE_MAIL_LANG).
 */
export function mailLang(tag: string | null | undefined, fallback: MailLang): MailLang {
  const primary = tag?.toLowerCase().split("-")[0];
  return primary === "en" || primary === "fr" ? primary : fallback;
}

export class MailSettingsError extends Error {
  override name = "MailSettingsError";
}

/** One address, lowercased, without anything that could end or split a header line. */
export function plainAddress(raw: string, name: string): string {
  const text = raw.trim();
  if (!/^[^\s@<>(),;:"\\[\]]+@[^\s@<>(),;:"\\[\]]+\.[^\s@<>(),;:"\\[\]]+$/.test(text))
    throw new MailSettingsError(`${name}: "${text}" is not an e-mail address like owner@example.com.`);
  return text.toLowerCase();
}

export function mailSettings(env: Record<string, string | undefined>): MailSettings {
  const smtpUrl = env[ENV.smtpUrl]?.trim() || null;
  if (smtpUrl) {
    let url: URL | null = null;
    try {
      url = new URL(smtpUrl);
    } catch {}
    if (!url || (url.protocol !== "smtp:" && url.protocol !== "smtps:"))
      throw new MailSettingsError(
        `${ENV.smtpUrl}: "${smtpUrl}" is not a URL like smtp://user:pass@host:587.`,
      );
  }
  const lang = env[ENV.mailLang]?.trim() || "en";
  if (lang !== "en" && lang !== "fr")
    throw new MailSettingsError(`${ENV.mailLang} must be en or fr, not "${lang}".`);
  const group = env[ENV.mailGroupSeconds]?.trim() || "300";
  if (!/^\d+(\.\d+)?$/.test(group))
    throw new MailSettingsError(`${ENV.mailGroupSeconds} must be a number of seconds, not "${group}".`);
  const owner = env[ENV.ownerEmail]?.trim();
  const ownerEmail = owner ? plainAddress(owner, ENV.ownerEmail) : null;
  const notify = env[ENV.ownerNotify]?.trim() || (ownerEmail ? "all" : "none");
  if (notify !== "all" && notify !== "pending" && notify !== "none")
    throw new MailSettingsError(`${ENV.ownerNotify} must be all, pending or none, not "${notify}".`);
  const from = env[ENV.mailFrom]?.trim() || "Causette <causette@localhost>";
  if (/[\r\n]/.test(from)) throw new MailSettingsError(`${ENV.mailFrom} must be one line.`);
  return {
    smtpUrl,
    from,
    lang,
    groupMs: Math.round(Number(group) * 1000),
    ownerEmail,
    ownerNotify: ownerEmail ? notify : "none",
    linkTtlMs: 7 * 24 * 3_600_000,
  };
}
