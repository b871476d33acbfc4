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

export type { CommentsOptions } from "./core/options.js";
export { derivePageId, normalizePath } from "./core/page-id.js";
export type { CountsOptions } from "./counts/counts.js";
export { mountCounts } from "./counts/counts.js";
export { mountComments } from "./passages/npm.js";
export type { ShareBarOptions } from "./share/share-bar.js";
export { mountShareBar } from "./share/share-bar.js";
export type { ComposeOptions } from "./tweet/compose.js";
export { composeTweet } from "./tweet/compose.js";
export { tweetLength } from "./tweet/length.js";
export type { ClickToTweetOptions } from "./tweet/mount.js";
export { mountClickToTweet } from "./tweet/mount.js";
