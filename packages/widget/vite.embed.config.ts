import { defineConfig } from "vite";
import { shared } from "./vite.shared.js";

// The script-tag loader: one classic script (IIFE), no dependencies, as small as it gets.
export default defineConfig({
  ...shared,
  build: {
    ...shared.build,
    outDir: "dist/embed",
    emptyOutDir: false,
    lib: { entry: "src/embed.ts", formats: ["iife"], name: "CausetteEmbed", fileName: () => "embed.js" },
  },
});
