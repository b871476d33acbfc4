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
    // index.js for apps; ssr.js (`@causette/widget/ssr`) for the server's HTML of a thread.
    lib: { entry: { index: "src/index.ts", ssr: "src/ssr.ts" }, formats: ["es"] },
    rollupOptions: {
      external: [/^preact/, /^htm/, /^nanostores/, /^ky/, /^@causette\/types/],
      // One file per module, as the sources are: a consumer's bundler keeps only the modules
      // the app imports, and the exact X counter (with its domain lists) stays a chunk of
      // its own that quote boxes fetch only for a post that may not fit.
      output: { preserveModules: true, preserveModulesRoot: "src", entryFileNames: "[name].js" },
    },
  },
});
