/**
 * X's weighted length of a post (twitter-text v3, config v3): the text is NFC-normalised;
 * every URL counts 23, whatever its length; each emoji sequence counts 2; any other code
 * point counts 1 in the ranges below and 2 elsewhere (CJK, most symbols, "…", U+202F).
 */

import { findUrls } from "./urls.js";
import { charWeight, URL_WEIGHT } from "./weight.js";

export { TWEET_MAX } from "./weight.js";

const KEYCAP = "[0-9#*]\\uFE0F?\\u20E3";
/**
 * Emoji sequences. Where the engine knows `\p{RGI_Emoji}` (the `v` flag), the sequences
 * Unicode recommends count as one — a ZWJ family, a skin tone, a flag, a keycap — and a
 * non-standard join of two emoji counts as its parts, as on X. Older engines fall back to
 * a grammar of pictographs, modifiers and joiners.
 */
export function emojiPattern(modern = true): RegExp {
  try {
    if (!modern) throw new Error("older engine");
    return new RegExp(`\\p{RGI_Emoji}|${KEYCAP}|\\uFE0F`, "gv");
  } catch {
    const one = "(?:[\\xA9\\xAE]\\uFE0F|(?![\\xA9\\xAE])\\p{Extended_Pictographic}(?:\\uFE0F|\\p{EMod})?)";
    return new RegExp(
      `${KEYCAP}|\\p{RI}{2}|\\u{1F3F4}[\\u{E0020}-\\u{E007E}]+\\u{E007F}|${one}(?:\\u200D${one})*|\\uFE0F`,
      "gu",
    );
  }
}
const EMOJI = emojiPattern();

/**
 * The weighted length of `text` as X counts it against its limit of 280.
 *
 * @example
 * tweetLength("Hi http://test.co"); // 26: "Hi " is 3, any URL is 23
 * tweetLength("故人西辞黄鹤楼"); // 14: CJK characters weigh 2
 * tweetLength("👨‍👩‍👧‍👦"); // 2: one emoji sequence
 */
export function tweetLength(text: string): number {
  return weightedLength(text, EMOJI);
}

/** tweetLength with a given emoji pattern (tests check the older engines' one too). */
export function weightedLength(text: string, emojiRe: RegExp): number {
  const s = text.normalize("NFC");
  const urls = new Map<number, number>();
  for (const u of findUrls(s)) urls.set(u.start, u.url.length);
  const emoji = new Map<number, number>();
  for (const m of s.matchAll(emojiRe)) emoji.set(m.index, m[0].length);
  let weight = 0;
  for (let i = 0; i < s.length; i++) {
    const url = urls.get(i);
    const seq = emoji.get(i);
    if (url !== undefined) {
      weight += URL_WEIGHT;
      i += url - 1;
    } else if (seq !== undefined) {
      weight += 2;
      i += seq - 1;
    } else {
      const code = s.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
      weight += charWeight(code);
    }
  }
  return weight;
}
