/**
 * The local spam defences, each a pure function of the submission and what the server
 * already knows (block lists, this client's recent comments, the form's age). No network,
 * no third party, no clock of their own: `now` is passed in, so every rule is testable.
 *
 * A rule returns a reason code or null. `decide()` turns the reasons into one verdict.
 *
 * @example
 * decide({ body: "hi", authorEmail: null, ipHash: "ab", page: "/p/" },
 *        { mode: "none", now: Date.now(), bans: [], recent: [], form: { state: "missing" }, knownAuthor: false })
 * // → { action: "publish", reasons: [] }
 */
import type { BanKind, ModerationMode } from "@causette/types";

export interface Submission {
  /** The site, when known: a duplicate is the same text on the same site and page. */
  site?: string;
  page: string;
  /** The comment answered, or null for a new thread. */
  parentId?: string | null;
  body: string;
  authorEmail: string | null;
  /** The keyed hash of the client's address; null when the server could not tell. */
  ipHash: string | null;
  /** The honeypot field: a person never sees it, a bot fills it. */
  hp?: string | null;
}

/** One entry of the block list. */
export interface BanEntry {
  kind: BanKind;
  value: string;
}

/** A comment this client sent before (any site, any page), newest or oldest first. */
export interface RecentComment {
  site?: string;
  page: string;
  parentId?: string | null;
  body: string;
  createdAt: string;
}

/** What the server learnt from the form token the widget sent back. */
export type FormTiming = { state: "missing" } | { state: "invalid" } | { state: "ok"; ageMs: number };

export interface Thresholds {
  /** A person needs a few seconds to write anything; a script does not. */
  minFormMs: number;
  /** More links than this is a soft signal. */
  maxLinks: number;
  /** The same text on the same page from one client within this window is refused. */
  duplicateWindowMs: number;
  /** More comments than `burstCount` in `burstWindowMs` from one client is a soft signal. */
  burstCount: number;
  burstWindowMs: number;
  /** More comments than `hourlyMax` in an hour from one client is refused (429). */
  hourlyMax: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  minFormMs: 3_000,
  maxLinks: 2,
  duplicateWindowMs: 10 * 60_000,
  burstCount: 5,
  burstWindowMs: 10 * 60_000,
  hourlyMax: 30,
};

export interface SpamContext {
  mode: ModerationMode;
  now: number;
  bans: readonly BanEntry[];
  /** This client's comments of the last hour at least (same ip hash, same site). */
  recent: readonly RecentComment[];
  form: FormTiming;
  /** Whether this author (by e-mail) already has an approved comment on the site. */
  knownAuthor: boolean;
  thresholds?: Partial<Thresholds>;
}

export type Verdict =
  | {
      action: "refuse";
      code: "duplicate_comment" | "rate_limited";
      reasons: string[];
      retryAfterSeconds?: number;
    }
  | { action: "spam"; reasons: string[] }
  | { action: "hold"; reasons: string[] }
  | { action: "publish"; reasons: string[] };

/** Case, width and spacing differences do not make a text different. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

// ---- hard rules: spam, whatever the mode ----

export function honeypot(sub: Submission): string | null {
  return sub.hp && sub.hp.trim() !== "" ? "honeypot" : null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A blocked word or phrase matches as a whole word, case-insensitively, in any script:
 * "cialis" blocks "Buy CIALIS now" but not "specialist".
 */
export function blockedWord(sub: Submission, bans: readonly BanEntry[]): string | null {
  const text = normalizeText(sub.body);
  for (const ban of bans) {
    if (ban.kind !== "word") continue;
    const word = normalizeText(ban.value);
    if (!word) continue;
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, "u");
    if (re.test(text)) return "blocked_word";
  }
  return null;
}

/** An address matches exactly (case-insensitively); an entry "@example.com" blocks the domain. */
export function blockedEmail(sub: Submission, bans: readonly BanEntry[]): string | null {
  const email = sub.authorEmail?.trim().toLowerCase();
  if (!email) return null;
  for (const ban of bans) {
    if (ban.kind !== "email") continue;
    const value = ban.value.trim().toLowerCase();
    if (!value) continue;
    if (value.startsWith("@") ? email.endsWith(value) : email === value) return "blocked_email";
  }
  return null;
}

export function blockedIp(sub: Submission, bans: readonly BanEntry[]): string | null {
  if (!sub.ipHash) return null;
  return bans.some((b) => b.kind === "ip" && b.value === sub.ipHash) ? "blocked_ip" : null;
}

// ---- refusals ----

/**
 * The same text, on the same page and in the same place (same parent), from the same client,
 * within the window: a double submit or a copy-paste bot. "Thanks!" answered to two
 * different readers is not a duplicate.
 */
export function duplicate(
  sub: Submission,
  recent: readonly RecentComment[],
  now: number,
  windowMs: number,
): boolean {
  const text = normalizeText(sub.body);
  return recent.some(
    (r) =>
      (r.site === undefined || sub.site === undefined || r.site === sub.site) &&
      r.page === sub.page &&
      (r.parentId ?? null) === (sub.parentId ?? null) &&
      now - Date.parse(r.createdAt) < windowMs &&
      normalizeText(r.body) === text,
  );
}

/**
 * A sliding window over past events: allowed while fewer than `limit` fall inside it;
 * otherwise the seconds until the oldest one leaves it.
 */
export function slidingWindow(
  times: readonly number[],
  now: number,
  limit: number,
  windowMs: number,
): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
  const inside = times.filter((t) => now - t < windowMs && t <= now).sort((a, b) => a - b);
  if (inside.length < limit) return { allowed: true };
  const oldest = inside[inside.length - limit] ?? now;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
}

// ---- soft signals: they hold a comment only when moderation is on ----

export function formTiming(form: FormTiming, minFormMs: number): string | null {
  if (form.state === "missing") return "missing_form_token";
  if (form.state === "invalid") return "bad_form_token";
  return form.ageMs < minFormMs ? "too_fast" : null;
}

/** Counts web links however they are written: bare URLs, www. names, Markdown or HTML links. */
export function countLinks(body: string): number {
  // "https://x.y" and "www.x.y" both count; "https://www.x.y" counts once (the lookbehind).
  return (body.match(/https?:\/\/|(?<!\/\/)\bwww\./giu) ?? []).length;
}

export function tooManyLinks(sub: Submission, maxLinks: number): string | null {
  return countLinks(sub.body) > maxLinks ? "too_many_links" : null;
}

export function burst(
  recent: readonly RecentComment[],
  now: number,
  count: number,
  windowMs: number,
): string | null {
  const inside = recent.filter((r) => now - Date.parse(r.createdAt) < windowMs).length;
  return inside >= count ? "burst" : null;
}

/** Every rule, in order: refusals, then spam, then holds. Reasons are recorded with the comment. */
export function decide(sub: Submission, ctx: SpamContext): Verdict {
  const t = { ...DEFAULT_THRESHOLDS, ...ctx.thresholds };
  if (duplicate(sub, ctx.recent, ctx.now, t.duplicateWindowMs))
    return { action: "refuse", code: "duplicate_comment", reasons: ["duplicate"] };
  const hourly = slidingWindow(
    ctx.recent.map((r) => Date.parse(r.createdAt)),
    ctx.now,
    t.hourlyMax,
    60 * 60_000,
  );
  if (!hourly.allowed)
    return {
      action: "refuse",
      code: "rate_limited",
      reasons: ["hourly_limit"],
      retryAfterSeconds: hourly.retryAfterSeconds,
    };

  const hard = [
    honeypot(sub),
    blockedWord(sub, ctx.bans),
    blockedEmail(sub, ctx.bans),
    blockedIp(sub, ctx.bans),
  ];
  const spam = hard.filter((r): r is string => r !== null);
  if (spam.length) return { action: "spam", reasons: spam };

  if (ctx.mode === "none") return { action: "publish", reasons: [] };
  const soft = [
    formTiming(ctx.form, t.minFormMs),
    tooManyLinks(sub, t.maxLinks),
    burst(ctx.recent, ctx.now, t.burstCount, t.burstWindowMs),
  ].filter((r): r is string => r !== null);
  if (ctx.mode === "all") return { action: "hold", reasons: ["moderation_all", ...soft] };
  if (!ctx.knownAuthor) return { action: "hold", reasons: ["first_comment", ...soft] };
  return soft.length ? { action: "hold", reasons: soft } : { action: "publish", reasons: [] };
}
