/**
 * @module tweet-exact
 * The exact X counter and the quote boxes' upgrade, as a chunk of its own
 * (`tweet-exact.js`): the loader fetches it only on pages that have quote boxes, because
 * the top-level domain lists the counter needs are heavy.
 */
export { composeTweet, fitTweet, tweetText } from "./compose.js";
export { tweetLength } from "./length.js";
export { upgradeQuoteBox } from "./quote-upgrade.js";
