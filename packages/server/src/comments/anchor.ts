/**
 * @module comments/anchor
 * The passage a comment is about (`anchor`, a W3C `TextQuoteSelector` with an optional
 * `TextPositionSelector` hint), checked once for the API's schema (schemas.ts) and the JSON
 * import (import/json-checks.ts): the same value gets the same verdict on both paths.
 */
import { codePointLength, LIMITS, type PassageAnchor } from "@causette/types";
import { cleanText } from "./text.js";

/** The anchor as stored, or why it is refused (a sentence naming the field at fault). */
export type AnchorVerdict =
  | { anchor: PassageAnchor | null; problem: null }
  | { anchor: null; problem: string };

const refuse = (problem: string): AnchorVerdict => ({ anchor: null, problem });

const isOffset = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/** `prefix` or `suffix`: optional text, cleaned, up to `passageContextMax` code points. */
function context(name: "prefix" | "suffix", value: unknown): string | AnchorVerdict {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") return refuse(`anchor.${name} must be a string.`);
  const text = cleanText(value);
  if (codePointLength(text) > LIMITS.passageContextMax)
    return refuse(`anchor.${name} is longer than ${LIMITS.passageContextMax} characters.`);
  return text;
}

/**
 * Checks a request's (or an export's) `anchor`. Absent or null: no anchor. The passage is
 * trimmed and must keep 1 to `passageMax` code points; the position, when given, is a pair
 * of offsets with `start < end`.
 *
 * @example checkAnchor({ exact: "the words", prefix: "Read ", suffix: " again" })
 */
export function checkAnchor(value: unknown): AnchorVerdict {
  if (value === undefined || value === null) return { anchor: null, problem: null };
  if (typeof value !== "object" || Array.isArray(value))
    return refuse("anchor must be an object with the passage's exact text.");
  const raw = value as Record<string, unknown>;
  if (typeof raw.exact !== "string") return refuse("anchor.exact must be a string.");
  const exact = cleanText(raw.exact).trim();
  if (!exact) return refuse("anchor.exact is required.");
  if (codePointLength(exact) > LIMITS.passageMax)
    return refuse(`anchor.exact is longer than ${LIMITS.passageMax} characters.`);
  const prefix = context("prefix", raw.prefix);
  if (typeof prefix !== "string") return prefix;
  const suffix = context("suffix", raw.suffix);
  if (typeof suffix !== "string") return suffix;
  const anchor: PassageAnchor = { exact, prefix, suffix };
  if (raw.position !== undefined && raw.position !== null) {
    const p = raw.position as Record<string, unknown>;
    if (typeof p !== "object" || !isOffset(p.start) || !isOffset(p.end) || p.start >= p.end)
      return refuse("anchor.position must be { start, end }: two offsets, start before end.");
    anchor.position = { start: p.start, end: p.end };
  }
  return { anchor, problem: null };
}

/** An anchor as stored (JSON text), or null. */
export const storedAnchor = (anchor: PassageAnchor | null | undefined): string | null =>
  anchor ? JSON.stringify(anchor) : null;

/** A stored anchor read back; anything unreadable is no anchor (never a wrong one). */
export function readAnchor(text: string | null | undefined): PassageAnchor | null {
  if (!text) return null;
  try {
    return checkAnchor(JSON.parse(text)).anchor;
  } catch {
    return null;
  }
}
