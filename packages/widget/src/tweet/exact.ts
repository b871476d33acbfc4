/**
 * @module tweet-exact
 * The exact X counter, as a chunk of its own (`tweet-exact.js`): the loader fetches it only
 * on pages that have quote boxes, because the top-level domain lists it needs are heavy.
 */
export { composeTweet, fitTweet, tweetText } from "./compose.js";
export { tweetLength } from "./length.js";
