import { defineConfig, type Plugin, transformWithEsbuild } from "vite";
import { shared } from "./vite.shared.js";

// Library mode keeps whitespace in ES output (so that consumers can tree-shake); these files
// go to browsers as they are, so minify each chunk once it is rendered.
const minifyChunks = (): Plugin => ({
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

// The lazily loaded parts of the script tag: the comments app (`comments.js`) and its French
// strings (`fr.js`), ESM with every dependency bundled. Entry files and `fr.js` keep stable
// names (the loader and bench/sizes.mjs know them); any other chunk is content-hashed.
// Library mode, because the app mode would add Vite's module-preload helper, which resolves
// chunk URLs against the host page instead of the Causette server.
export default defineConfig({
  ...shared,
  plugins: [...(shared.plugins ?? []), minifyChunks()],
  build: {
    ...shared.build,
    outDir: "dist/embed",
    emptyOutDir: false,
    lib: {
      entry: {
        comments: "src/app/comments.ts",
        // Light parts the loader fetches only where needed: the exact X counter (TLD lists)
        // with the quote boxes' upgrade, the share bar, and comment counts.
        "tweet-exact": "src/tweet/exact.ts",
        share: "src/share/chunk.ts",
        counts: "src/counts/counts.ts",
      },
      formats: ["es"],
    },
    rollupOptions: {
      output: {
        entryFileNames: "[name].js",
        chunkFileNames: (chunk) => (chunk.name === "fr" ? "fr.js" : "chunks/[name]-[hash].js"),
      },
    },
  },
});
