/**
 * @module @causette/server
 * The Causette comment server as a library: build the Hono app yourself.
 */

export type { AppDeps } from "./app.js";
export { createApp } from "./app.js";
