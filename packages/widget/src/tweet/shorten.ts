/**
 * Shortening text with "…" so that it fits a limit, cutting only between words — and,
 * when a single word is too long, between graphemes: never inside an emoji sequence, a
 * flag, or a letter and its combining accents (Intl.Segmenter, UAX #29).
 */

const ELLIPSIS = "…";

/** Boundaries of `text` (indices where a segment starts), at the given granularity. */
function boundaries(text: string, granularity: "word" | "grapheme"): number[] {
  const cuts: number[] = [];
  if (typeof Intl !== "undefined" && "Segmenter" in Intl) {
    for (const s of new Intl.Segmenter(undefined, { granularity }).segment(text)) cuts.push(s.index);
  } else {
    // Without Intl.Segmenter: spaces for words, code points for graphemes.
    let i = 0;
    for (const ch of text) {
      if (granularity === "grapheme" || /\s/.test(ch)) cuts.push(i);
      i += ch.length;
    }
  }
  return cuts;
}

/** The number of user-perceived characters (grapheme clusters) in `text`. */
export function graphemeCount(text: string): number {
  return boundaries(text, "grapheme").length;
}

/**
 * The longest start of `text` that `fits` once "…" is added, cut at a word boundary when
 * one fits, else at a grapheme boundary; `text` itself when it already fits.
 *
 * @example
 * shorten("Mieux que s'organiser", (t) => t.length <= 12); // "Mieux que…"
 */
export function shorten(text: string, fits: (candidate: string) => boolean): string {
  if (fits(text)) return text;
  for (const granularity of ["word", "grapheme"] as const) {
    const cuts = boundaries(text, granularity).filter((i) => i > 0);
    // Binary search for the last cut that fits: longer prefixes never weigh less.
    let lo = 0;
    let hi = cuts.length - 1;
    let best = "";
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const candidate = trimEnd(text.slice(0, cuts[mid])) + ELLIPSIS;
      if (candidate !== ELLIPSIS && fits(candidate)) {
        best = candidate;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best) return best;
  }
  return fits(ELLIPSIS) ? ELLIPSIS : "";
}

/** Drops trailing spaces and the punctuation that reads badly before "…". */
function trimEnd(s: string): string {
  return s.replace(/[\s,;:.\-–—(«“"']+$/u, "");
}
