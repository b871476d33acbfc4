/**
 * The text of a quote and of its post, apart from intent.ts and quote-box.ts: the share bar's
 * chunks hold those (for the X link and the canonical URL), and need none of this.
 */
import { handles, type TweetParts } from "./intent.js";

/** A plain intent link in the markup: the no-JS fallback, or Better Click To Tweet's. */
export const INTENT_LINK = 'a[href*="/intent/tweet"],a[href*="twitter.com/share"],[data-causette-fallback]';

/** Whitespace collapsed and trimmed. */
export const clean = (s?: string | null) => s?.replace(/\s+/g, " ").trim() ?? "";

/**
 * The post as X will show it in its compose box: text, URL, hashtags, "via @handle".
 */
export function tweetText(parts: TweetParts): string {
  const via = handles(parts.via)[0];
  return [parts.text, parts.url, ...handles(parts.hashtags).map((h) => `#${h}`), via ? `via @${via}` : ""]
    .filter(Boolean)
    .join(" ");
}
