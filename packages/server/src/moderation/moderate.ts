/**
 * @module moderation/moderate
 * Decides what happens to a new comment: published, held for a moderator, or spam.
 * Pure and synchronous: the route gathers the facts (is the author known, how old is the
 * form) and this function applies the rules. Spam rules add their reason here.
 */
import type { ModerationMode } from "@causette/types";

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
}

export interface Decision {
  status: "approved" | "pending" | "spam";
  /** Why it was held or marked spam, e.g. "honeypot", "first_comment". */
  reasons: string[];
}

/**
 * @example
 * moderate({ mode: "first", knownAuthor: false, honeypot: false, body: "hi", authorName: "A",
 *   authorEmail: null, authorWebsite: null, formAgeMs: 5000, isReply: false })
 * // { status: "pending", reasons: ["first_comment"] }
 */
export function moderate(facts: ModerationFacts): Decision {
  if (facts.honeypot) return { status: "spam", reasons: ["honeypot"] };
  if (facts.mode === "all") return { status: "pending", reasons: ["moderation_all"] };
  if (facts.mode === "first" && !facts.knownAuthor) return { status: "pending", reasons: ["first_comment"] };
  return { status: "approved", reasons: [] };
}
