/**
 * X's weights of code points (twitter-text v3, config v3), and an upper bound of a post's
 * weighted length that needs neither the emoji grammar nor the top-level domain lists: the
 * quote boxes' chunk uses it to leave the exact counter unfetched when a post surely fits.
 */

/** The post limit, in weighted characters. */
export const TWEET_MAX = 280;
/** X counts every URL as 23 characters, whatever its length (twitter-text v3). */
export const URL_WEIGHT = 23;

/** Code points that weigh 1 (config-v3.json `ranges`); everything else weighs 2. */
const LIGHT: [number, number][] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];

/** The weight of one code point (X looks at its first UTF-16 unit only). */
export function charWeight(code: number): 1 | 2 {
  for (const [lo, hi] of LIGHT) if (code >= lo && code <= hi) return 1;
  return 2;
}

/**
 * At least X's weighted length of `text` (tweetLength), often a little more, without the
 * emoji grammar or the TLD lists. Each code point counts its own weight, so an emoji
 * sequence counts at least its 2. Each "." followed by a letter or a digit adds 23: every
 * URL X finds, with or without a scheme, has such a dot before its top-level domain, URLs do
 * not overlap, and a URL counts 23 whatever its characters weigh.
 */
export function lengthBound(text: string): number {
  const s = text.normalize("NFC");
  let n = URL_WEIGHT * (s.match(/\.(?=[\p{L}\p{N}])/gu)?.length ?? 0);
  for (const ch of s) n += charWeight(ch.codePointAt(0)!);
  return n;
}
