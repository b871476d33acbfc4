import { defineConfig } from "vite";
import { shared } from "./vite.shared.js";

// The lazily loaded parts of the script tag: ESM with every dependency bundled. Entry files
// keep stable names (the loader knows them); shared chunks are content-hashed so the server
// can cache them for a year.
export default defineConfig({
  ...shared,
  build: {
    ...shared.build,
    outDir: "dist/embed",
    emptyOutDir: false,
    lib: { entry: { comments: "src/app/comments.ts" }, formats: ["es"] },
    rollupOptions: {
      output: { entryFileNames: "[name].js", chunkFileNames: "chunks/[name]-[hash].js" },
    },
  },
});
