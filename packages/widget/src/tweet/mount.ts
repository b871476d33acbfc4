/**
 * The npm API of quote boxes: drawn and upgraded at once (no lazy chunk to fetch).
 */
import * as links from "../share/links.js";
import * as compose from "./compose.js";
import { drawQuoteBox } from "./quote-box.js";
import { type ClickToTweetOptions, upgradeQuoteBox } from "./quote-upgrade.js";

export type { ClickToTweetOptions };

/**
 * Draws a click-to-tweet quote box inside `el` (its text is the quote), with X's intent
 * URL shortened to fit 280; returns the function that removes the box again.
 *
 * @example
 * import { mountClickToTweet } from "@causette/widget";
 * const el = document.querySelector<HTMLElement>("blockquote.tweetable")!;
 * const unmount = mountClickToTweet(el, {
 *   server: "https://comments.example.com", // counts the clicks; optional
 *   via: "selma",
 *   hashtags: ["strategie"],
 *   networks: ["bluesky", "mastodon"],
 * });
 */
export function mountClickToTweet(el: HTMLElement, options: ClickToTweetOptions = {}): () => void {
  const box = drawQuoteBox(el, options);
  const stop = upgradeQuoteBox(box, options, { links, compose });
  return () => {
    stop();
    box.unmount();
  };
}
