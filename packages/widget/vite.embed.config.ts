import { defineConfig } from "vite";
import { minifyChunks, shared } from "./vite.shared.js";

// The script-tag loader: one classic script (IIFE), no dependencies, as small as it gets.
export default defineConfig({
  ...shared,
  plugins: [...(shared.plugins ?? []), minifyChunks()],
  build: {
    ...shared.build,
    outDir: "dist/embed",
    emptyOutDir: false,
    minify: false,
    lib: { entry: "src/embed.ts", formats: ["iife"], name: "CausetteEmbed", fileName: () => "embed.js" },
    // Written as strict code already (ES modules); the directive would only add bytes.
    rollupOptions: { output: { strict: false } },
  },
});
