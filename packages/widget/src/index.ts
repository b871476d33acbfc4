/**
 * @module @causette/widget
 * Threaded comments, click-to-tweet quote boxes, share bars and comment counts for any page.
 *
 * @example
 * import { mountComments } from "@causette/widget";
 * const unmount = mountComments(document.querySelector("#comments")!, {
 *   server: "https://comments.example.com",
 * });
 */

export { mountComments } from "./comments/mount.js";
export type { CommentsOptions } from "./core/options.js";
export { derivePageId, normalizePath } from "./core/page-id.js";
