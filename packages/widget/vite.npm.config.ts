import { defineConfig } from "vite";
import { shared } from "./vite.shared.js";

// The npm build: ESM, every dependency left to the consumer's bundler.
export default defineConfig({
  ...shared,
  define: {},
  build: {
    ...shared.build,
    outDir: "dist",
    emptyOutDir: false,
    minify: false,
    lib: { entry: "src/index.ts", formats: ["es"], fileName: () => "index.js" },
    rollupOptions: { external: [/^preact/, /^htm/, /^nanostores/, /^@causette\/types/] },
  },
});
