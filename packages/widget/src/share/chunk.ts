/**
 * @module share
 * The share bar, as a chunk of its own (`share.js`): the loader fetches it only on pages
 * that have one, so pages with only quote boxes and counts stay small.
 */
export { mountShareBar } from "./share-bar.js";
