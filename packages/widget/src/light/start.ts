/**
 * The loader's part for the light parts — quote boxes, share bars, comment counts: one
 * query, and `light.js` fetched once for all three, only on a page that has one of them.
 */
import type { Chunk, ScriptOptions } from "../core/config.js";

type Light = typeof import("./chunk.js");

/** Every element a light part draws in or writes to. */
export const LIGHT_SELECTOR =
  "[data-causette-tweet],.bctt-click-to-tweet,[data-causette-share],[data-causette-count]";

/** Fetches `light.js` when the page has a quote box, a share bar or a count, and starts it. */
export function startLight(chunk: Chunk, options: ScriptOptions): void {
  // On failure the site owner's own markup stays: quotes with their plain links, the text.
  if (document.querySelector(LIGHT_SELECTOR)) chunk<Light>("light.js").then((m) => m.start(options), Boolean);
}
