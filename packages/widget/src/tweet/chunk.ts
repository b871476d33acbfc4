/**
 * @module tweet
 * The quote boxes' upgrade, as a chunk of its own (`tweet.js`): the loader fetches it only
 * on pages that have quote boxes. It reads each box's post, and fetches the exact X counter
 * (with its heavy top-level domain lists, a chunk of its own) only for a post that may not
 * fit X's limit.
 */
export { upgradeQuoteBox } from "./quote-upgrade.js";
