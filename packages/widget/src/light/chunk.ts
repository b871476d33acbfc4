/**
 * @module light
 * The light parts in one file (`light.js`), fetched once by the loader on a page with quote
 * boxes, a share bar or comment counts: the three share their DOM helpers, theme, strings
 * and links, and one gzipped file is smaller than three. Only the exact X counter (long
 * posts) and the share links' rare interactions come later, on demand.
 */
import type { ScriptOptions } from "../core/config.js";
import { COUNT_SELECTOR, mountCounts } from "../counts/counts.js";
import { networkLinks } from "../share/links.js";
import { mountShareBar } from "../share/share-bar.js";
import { drawQuoteBox, QUOTE_SELECTOR } from "../tweet/quote-box.js";
import { upgradeQuoteBox } from "../tweet/quote-upgrade.js";

/** Draws every quote box and share bar of the page and fills its counts. */
export function start(options: ScriptOptions): void {
  for (const el of document.querySelectorAll<HTMLElement>(QUOTE_SELECTOR)) {
    try {
      upgradeQuoteBox(drawQuoteBox(el, options), options, {
        links: { networkLinks },
        compose: () => import("../tweet/compose.js"),
      });
    } catch {
      // An element that cannot host a shadow root (li, figure…) keeps its markup.
    }
  }
  for (const el of document.querySelectorAll<HTMLElement>("[data-causette-share]"))
    mountShareBar(el, options);
  if (document.querySelector(COUNT_SELECTOR)) mountCounts(document, options);
}
