/**
 * @module comments
 * The comments app, loaded by the script-tag loader at a reader's first sign of intent: it
 * hydrates the thread the loader shows (the server's HTML) and makes it interactive.
 */

import { startThread } from "../comments/mount.js";
import { commentsOptions, type ScriptOptions } from "../core/config.js";

/** Starts the comments in `el` with the loader's options and the script tag's own; settles once interactive. */
export const hydrate = (el: HTMLElement, common: ScriptOptions, data: DOMStringMap): Promise<void> =>
  startThread(el, commentsOptions(data, common)).ready;
