/**
 * Composing a post for X: the text shortened with "…" so that text, URL, hashtags and
 * "via @handle" together stay within X's 280 weighted characters.
 */
import { intentUrl, type TweetParts } from "./intent.js";
import { TWEET_MAX, tweetLength } from "./length.js";
import { shorten } from "./shorten.js";
import { tweetText } from "./text.js";

export type { TweetParts };

/** The options of composeTweet: what to post; `max` defaults to X's limit, 280. */
export interface ComposeOptions extends TweetParts {
  max?: number;
}

/**
 * The text of `options`, shortened with "…" at a word boundary (never inside a grapheme) so
 * that the whole post fits `max` (280) by X's weighted count.
 *
 * @example
 * fitTweet({ text: "A long quote…", url: "https://blog.example/post/", via: "selma" });
 */
export function fitTweet(options: ComposeOptions): string {
  const max = options.max ?? TWEET_MAX;
  const text = options.text.replace(/\s+/g, " ").trim();
  return shorten(text, (t) => tweetLength(tweetText({ ...options, text: t })) <= max);
}

/**
 * The X intent URL for a post, with its text shortened so that text + URL (23) + hashtags
 * + "via @handle" fit X's limit of 280 weighted characters.
 *
 * @example
 * import { composeTweet } from "@causette/widget";
 * const href = composeTweet({
 *   text: "Mieux que s'organiser : passer de choix par défaut à des choix stratégiques !",
 *   url: "https://blog.example/2016/08/arreter-de-s-organiser/",
 *   via: "selma",
 *   hashtags: ["strategie"],
 * });
 * // "https://x.com/intent/tweet?text=Mieux%20que%20s'organiser…&url=…&via=selma&hashtags=strategie"
 */
export function composeTweet(options: ComposeOptions): string {
  return intentUrl({ ...options, text: fitTweet(options) });
}
