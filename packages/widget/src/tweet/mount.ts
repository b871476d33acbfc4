/**
 * The npm API of quote boxes: drawn at once. Only a post that may not fit X's limit waits
 * for the exact counter, which the app's bundler splits into a chunk of its own (the domain
 * lists are most of its 8 KB).
 */
import { derivePageId } from "../core/page-id.js";
import * as links from "../share/links.js";
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
  const box = drawQuoteBox(el, {
    ...options,
    page: derivePageId(document, options.page, options.pageIdParam),
  });
  const stop = upgradeQuoteBox(box, options, { links, compose: () => import("./compose.js") });
  return () => {
    stop();
    box.unmount();
  };
}
