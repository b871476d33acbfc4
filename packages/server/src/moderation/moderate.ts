/**
 * @module moderation/moderate
 * Decides what happens to a new comment: published, held for a moderator, spam, or refused.
 * Synchronous and free of I/O: the route gathers the facts (is the author known, how old is
 * the form, the block list, this client's recent comments) and the rules of `rules.ts`
 * apply them. A refusal (a duplicate, a client over the hourly cap) is a verdict too: the
 * comments domain turns it into the error the reader is answered with.
 */
import type { ModerationMode } from "@causette/types";
import { type BanEntry, decide, type FormTiming, type RecentComment, type Thresholds } from "./rules.js";

export interface ModerationFacts {
  mode: ModerationMode;
  /** One comment with this e-mail was already approved on the site (false without an e-mail). */
  knownAuthor: boolean;
  /** The hidden `hp` field was filled: only bots do that. */
  honeypot: boolean;
  body: string;
  authorName: string;
  authorEmail: string | null;
  authorWebsite: string | null;
  /** Milliseconds since the form was rendered (from `formToken`), null when absent or forged. */
  formAgeMs: number | null;
  isReply: boolean;
  /** The site, the page id and the parent answered, for the duplicate rule. */
  site?: string;
  page?: string;
  parentId?: string | null;
  /** The keyed hash of the client's address. */
  ipHash?: string | null;
  /** Whether a `formToken` came at all (null `formAgeMs` then means forged or expired). */
  formTokenSent?: boolean;
  /** An author's edit of their comment: no form was rendered, so its timing says nothing. */
  edit?: boolean;
  /** The block list. */
  bans?: readonly BanEntry[];
  /** This client's comments of the last hour, on every site. */
  recent?: readonly RecentComment[];
  now?: number;
  thresholds?: Partial<Thresholds>;
}

export type Verdict =
  | {
      status: "approved" | "pending" | "spam";
      /** Why it was held or marked spam, e.g. "honeypot", "first_comment", "too_many_links". */
      reasons: string[];
    }
  | { status: "refused"; code: "duplicate_comment" | "rate_limited"; retryAfterSeconds: number };

function timing(facts: ModerationFacts): FormTiming {
  if (facts.edit) return { state: "ok", ageMs: Number.POSITIVE_INFINITY };
  if (facts.formAgeMs !== null) return { state: "ok", ageMs: facts.formAgeMs };
  return facts.formTokenSent ? { state: "invalid" } : { state: "missing" };
}

/**
 * @example
 * moderate({ mode: "first", knownAuthor: false, honeypot: false, body: "hi", authorName: "A",
 *   authorEmail: null, authorWebsite: null, formAgeMs: 5000, isReply: false })
 * // { status: "pending", reasons: ["first_comment"] }
 */
export function moderate(facts: ModerationFacts): Verdict {
  const verdict = decide(
    {
      site: facts.site,
      page: facts.page ?? "",
      parentId: facts.parentId ?? null,
      body: facts.body,
      authorEmail: facts.authorEmail,
      ipHash: facts.ipHash ?? null,
      hp: facts.honeypot ? "filled" : null,
    },
    {
      mode: facts.mode,
      now: facts.now ?? Date.now(),
      bans: facts.bans ?? [],
      recent: facts.recent ?? [],
      form: timing(facts),
      knownAuthor: facts.knownAuthor,
      thresholds: facts.thresholds,
    },
  );
  switch (verdict.action) {
    case "refuse":
      return { status: "refused", code: verdict.code, retryAfterSeconds: verdict.retryAfterSeconds ?? 60 };
    case "spam":
      return { status: "spam", reasons: verdict.reasons };
    case "hold":
      return { status: "pending", reasons: verdict.reasons };
    default:
      return { status: "approved", reasons: [] };
  }
}
