/**
 * @module light
 * The light parts in one file (`light.js`), fetched once by the loader on a page with quote
 * boxes or a share bar (counts included): the three share their DOM helpers, theme, strings
 * and links, and one gzipped file is smaller than three. Only the exact X counter (long
 * posts) comes later, on demand.
 */
import type { ScriptOptions } from "../core/config.js";
import { COUNT_SELECTOR, mountCounts } from "../counts/counts.js";
import { networkLinks } from "../share/links.js";
import { mountShareBar } from "../share/share-bar.js";
import { drawQuoteBox, QUOTE_SELECTOR, type QuoteBoxOptions } from "../tweet/quote-box.js";
import { upgradeQuoteBox } from "../tweet/quote-upgrade.js";

/** Draws in every element of `selector`; one that fails keeps its markup, the others go on. */
function each(selector: string, draw: (el: HTMLElement) => void): void {
  for (const el of document.querySelectorAll<HTMLElement>(selector)) {
    try {
      draw(el);
    } catch {
      // An element that cannot host a shadow root (li, figure…) keeps its markup.
    }
  }
}

/**
 * Draws every quote box and share bar of the page and fills its counts; `discuss` (from the
 * passages' listener) gives the quote boxes their "Discuss".
 */
export function start(options: ScriptOptions & QuoteBoxOptions): void {
  each(QUOTE_SELECTOR, (el) =>
    upgradeQuoteBox(drawQuoteBox(el, options), options, {
      links: { networkLinks },
      compose: () => import("../tweet/compose.js"),
    }),
  );
  each("[data-causette-share]", (el) => mountShareBar(el, options));
  if (document.querySelector(COUNT_SELECTOR)) mountCounts(document, options);
}

// The live client, for the loader when the page has comments too (src/live/chunk.ts).
export { live, notice } from "../live/chunk.js";
