import { defineConfig } from "vite";
import { scriptTagBuild } from "./vite.shared.js";

// `counts.js`: comment counts alone, for pages that have counts and no other light part (an
// index of posts), so that they do not fetch light.js's quote boxes and share bars. A build
// of its own: built beside light.js, the two would share a chunk, one more request.
export default defineConfig(
  scriptTagBuild({
    lib: { entry: { counts: "src/counts/counts.ts" }, formats: ["es"] },
    rollupOptions: { output: { entryFileNames: "[name].js" } },
  }),
);
