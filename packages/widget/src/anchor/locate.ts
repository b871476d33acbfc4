/**
 * Finding a passage again in an article that may have changed since the comment was made
 * (issue #17): first where its exact words are, told apart by the context on each side and
 * the position hint; then, when the words themselves were edited, by approximate matching
 * (`approx-string-match`, Myers' bit-parallel algorithm, as Hypothesis does) within a
 * threshold. A passage that cannot be found with confidence is reported lost — shown in the
 * thread as "on a passage that has changed" — never attached to other words.
 */
import type { PassageAnchor } from "@causette/types";
import type search from "approx-string-match";

/** `approx-string-match`'s search, which the anchoring chunk fetches only when it is needed. */
export type Search = typeof search;

/**
 * Share of the passage's characters that may differ for an approximate match: up to a
 * quarter when some of the context agrees, up to 40% (a clause inserted inside a sentence)
 * when nearly all of it does.
 */
export const MAX_ERROR_RATE = 0.25;
const MAX_ERROR_RATE_IN_PLACE = 0.4;
const IN_PLACE = 0.9;
/** A passage this long (characters) is specific enough to be found without its context. */
export const SPECIFIC = 24;
/** Below this length, words that changed are not searched for approximately at all. */
const FUZZY_MIN = 8;
/** How much of the context must agree for a short passage, or for an approximate match. */
const CONTEXT_MIN = 0.4;

export interface Located {
  start: number;
  end: number;
  /** 0 for the exact words; otherwise the number of characters that differ. */
  errors: number;
}

function commonTail(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonHead(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * How well the text around `start`–`end` agrees with the passage's context, from 0 to 1:
 * the characters of the prefix that end right before it, and of the suffix that start right
 * after it. A passage without context (the whole article) agrees fully.
 */
export function contextScore(text: string, a: PassageAnchor, start: number, end: number): number {
  const total = a.prefix.length + a.suffix.length;
  if (!total) return 1;
  const before = commonTail(a.prefix, text.slice(Math.max(0, start - a.prefix.length), start));
  const after = commonHead(a.suffix, text.slice(end, end + a.suffix.length));
  return (before + after) / total;
}

/**
 * Where `anchor` is in `text` (the article's text, as anchor/text.ts makes it), or null when
 * it cannot be found with confidence. Without `search`, only the exact words are looked for
 * (null then means "not as they were": the caller may try again with `search`).
 *
 * @example locate(articleText(article).text, comment.anchor, search) // { start: 812, end: 870, errors: 0 }
 */
export function locate(text: string, anchor: PassageAnchor, search?: Search): Located | null {
  const { exact } = anchor;
  const hint = anchor.position?.start;
  const distance = (start: number) => (hint === undefined ? 0 : Math.abs(start - hint));
  const rank = (x: Located & { score: number }, y: Located & { score: number }) =>
    x.errors - y.errors || y.score - x.score || distance(x.start) - distance(y.start);

  const exacts: (Located & { score: number })[] = [];
  for (let i = text.indexOf(exact); i >= 0; i = text.indexOf(exact, i + 1)) {
    const end = i + exact.length;
    exacts.push({ start: i, end, errors: 0, score: contextScore(text, anchor, i, end) });
  }
  if (exacts.length) {
    const best = exacts.sort(rank)[0]!;
    // The same words elsewhere are these words only if they are specific enough on their
    // own, or their surroundings agree.
    if (best.score >= CONTEXT_MIN || (exact.length >= SPECIFIC && exacts.length === 1))
      return { start: best.start, end: best.end, errors: 0 };
    // A short passage whose context no longer agrees may still have been edited in place:
    // the approximate search below, which demands the context, decides.
  }
  if (exact.length < FUZZY_MIN || !search) return null;
  const rate = (m: Located) => m.errors / exact.length;
  const found = search(text, exact, Math.floor(exact.length * MAX_ERROR_RATE_IN_PLACE))
    .map((m) => ({ ...m, score: contextScore(text, anchor, m.start, m.end) }))
    // An approximate match must be anchored by its surroundings — the more it differs, the
    // more they must agree — unless it is long and close.
    .filter(
      (m) =>
        (m.score >= CONTEXT_MIN && rate(m) <= MAX_ERROR_RATE) ||
        m.score >= IN_PLACE ||
        (exact.length >= 2 * SPECIFIC && rate(m) <= 0.1),
    )
    .sort(rank);
  const best = found[0];
  return best ? { start: best.start, end: best.end, errors: best.errors } : null;
}
