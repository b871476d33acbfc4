/**
 * The loader's part for quote boxes: draws every box at once with the markup's link (or a
 * plain intent), then fetches `tweet.js` to read each box's post (`data-via`, hashtags…),
 * shorten it when it may not fit X's limit, and add more networks. Pages without quote
 * boxes never fetch it.
 */
import type { Chunk, ScriptOptions } from "../core/config.js";
import { drawQuoteBox, QUOTE_SELECTOR, type QuoteBox, type QuoteBoxOptions } from "./quote-box.js";

type Upgrade = typeof import("./chunk.js");

/** Upgrades every quote box of the page, with the options of the loader's script tag. */
export function startTweets(chunk: Chunk, options: ScriptOptions & QuoteBoxOptions): void {
  const boxes: QuoteBox[] = [];
  for (const el of document.querySelectorAll<HTMLElement>(QUOTE_SELECTOR)) {
    try {
      boxes.push(drawQuoteBox(el, options));
    } catch {
      // An element that cannot host a shadow root (li, figure…) keeps its markup.
    }
  }
  // On failure the plain links keep working.
  if (boxes.length)
    chunk<Upgrade>("tweet.js").then((m) => {
      for (const box of boxes) m.upgradeQuoteBox(box, options);
    }, Boolean);
}
