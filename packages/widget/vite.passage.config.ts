import { defineConfig } from "vite";
import { scriptTagBuild } from "./vite.shared.js";

// The passages' selection button (`passage.js`, issue #17), fetched by the loader at a
// reader's first selection in the article: a build of its own, so that it shares no chunk with
// the anchoring chunk (anchor.js, in vite.app.config.ts) — each of them is one request, and
// the article's text (src/anchor/text.ts) that both need is in each.
export default defineConfig(
  scriptTagBuild({
    lib: { entry: { passage: "src/passages/button.ts" }, formats: ["es"] },
    rollupOptions: { output: { entryFileNames: "[name].js" } },
  }),
);
