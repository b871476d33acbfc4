/**
 * @module comments
 * The comments app, loaded by the script-tag loader on pages that have a comments container.
 */

import { mountComments } from "../comments/mount.js";
import { commentsOptions, type ScriptOptions } from "../core/config.js";

/** Mounts the comments in `el` with the loader's options and the script tag's own. */
export const mount = (el: HTMLElement, common: ScriptOptions, data: DOMStringMap) =>
  mountComments(el, commentsOptions(data, common));
