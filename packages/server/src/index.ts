/**
 * @module @causette/server
 * The Causette comment server as a library: build the Hono app yourself.
 *
 * @example
 * import { createApp, loadConfig, openStore } from "@causette/server";
 * const store = await openStore({ dbPath: "./causette.db" });
 * const app = createApp({ store, config: loadConfig(process.env) });
 */

export type { AppDeps } from "./app.js";
export { createApp } from "./app.js";
export type { Config } from "./config.js";
export { ConfigError, loadConfig } from "./config.js";
export { renderMarkdown, sanitizeCommentHtml } from "./render/markdown.js";
export type { Store, StoreOptions } from "./store/index.js";
export { openStore } from "./store/index.js";
