import { fileURLToPath } from "node:url";
import { type Plugin, transformWithEsbuild, type UserConfig } from "vite";
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

// Library mode keeps whitespace in ES output (so that consumers can tree-shake); these files
// go to browsers as they are, so minify each chunk once it is rendered.
export const minifyChunks = (): Plugin => ({
  name: "causette:minify-chunks",
  async generateBundle(_, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type === "chunk") {
        chunk.code = (
          await transformWithEsbuild(chunk.code, chunk.fileName, { minify: true, target: "es2022" })
        ).code;
      }
    }
  },
});
