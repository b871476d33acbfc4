/**
 * The loader's part for the light parts — quote boxes, share bars, comment counts: a page
 * with a quote box or a share bar fetches `light.js` once for all three; a page with counts
 * only (an index of posts) fetches `counts.js`, a fifth of its size.
 */
import type { Chunk, ScriptOptions } from "../core/config.js";
import type { QuoteBoxOptions } from "../tweet/quote-box.js";

type Light = typeof import("./chunk.js");
type Counts = typeof import("../counts/counts.js");

/** The elements of the parts that only light.js draws. */
export const DRAWN_SELECTOR = "[data-causette-tweet],.bctt-click-to-tweet,[data-causette-share]";

/** Fetches the file this page's light parts need, if any, and starts it. */
export function startLight(chunk: Chunk, options: ScriptOptions & QuoteBoxOptions): void {
  // On failure the site owner's own markup stays: quotes with their plain links, the text.
  if (document.querySelector(DRAWN_SELECTOR)) chunk<Light>("light.js").then((m) => m.start(options), Boolean);
  else if (document.querySelector("[data-causette-count]"))
    chunk<Counts>("counts.js").then((m) => m.mountCounts(document, options), Boolean);
}
