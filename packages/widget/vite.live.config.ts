import { defineConfig } from "vite";
import { scriptTagBuild } from "./vite.shared.js";

// `live.js`: the live client and its notice (src/live/chunk.ts), for pages with comments and
// no light parts (light.js has them too). A build of its own, so that it shares no chunk
// with light.js: one request either way.
export default defineConfig(
  scriptTagBuild({
    lib: { entry: { live: "src/live/chunk.ts" }, formats: ["es"] },
    rollupOptions: { output: { entryFileNames: "[name].js" } },
  }),
);
