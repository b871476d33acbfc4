import { fileURLToPath } from "node:url";
import type { UserConfig } from "vite";
import { htmPrecompile } from "./vite.htm.config.js";

/** Settings every widget build shares. */
export const shared: UserConfig = {
  plugins: [htmPrecompile()],
  resolve: {
    alias: { "@causette/types": fileURLToPath(new URL("../types/src/index.ts", import.meta.url)) },
  },
  // nanostores reads process.env.NODE_ENV; browsers have no `process`.
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: { target: "es2022", cssTarget: "chrome123", sourcemap: false, reportCompressedSize: false },
};
