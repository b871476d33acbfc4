/**
 * @module comments
 * The comments app, loaded by the script-tag loader on pages that have a comments container.
 */
export { mountComments as mount } from "../comments/mount.js";
