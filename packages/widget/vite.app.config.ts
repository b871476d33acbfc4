import { defineConfig } from "vite";
import { scriptTagBuild } from "./vite.shared.js";

// The lazily loaded light parts of the script tag, ESM with every dependency bundled; entry
// files keep stable names (the loader knows them), shared chunks are content-hashed. The
// comments app is built on its own (vite.comments.config.ts) so that it shares no chunk
// with these: one request, not two in a row, before a reader sees the comments.
export default defineConfig(
  scriptTagBuild({
    lib: {
      entry: {
        // The light parts, fetched once by a page that has any of them: quote boxes (which
        // fetch the exact X counter, with its TLD lists, only for long posts), share bars
        // and comment counts.
        light: "src/light/chunk.ts",
        // The passages' anchoring (issue #17), only where the thread has comments on passages.
        anchor: "src/anchor/chunk.ts",
      },
      formats: ["es"],
    },
    rollupOptions: {
      // An entry may also hold code its lazy chunks share (tweet.js with the exact counter's
      // chunk), rather than becoming a facade that costs one more request in a row.
      preserveEntrySignatures: "allow-extension",
      output: {
        entryFileNames: "[name].js",
        chunkFileNames: "chunks/[name]-[hash].js",
      },
    },
  }),
);
