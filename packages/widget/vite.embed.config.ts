import { defineConfig } from "vite";
import { scriptTagBuild } from "./vite.shared.js";

// The script-tag loader: one classic script (IIFE), no dependencies, as small as it gets.
export default defineConfig(
  scriptTagBuild({
    // Minified by terser only (an IIFE would otherwise go through esbuild's minifier first).
    minify: false,
    lib: { entry: "src/embed.ts", formats: ["iife"], name: "CausetteEmbed", fileName: () => "embed.js" },
    // Written as strict code already (ES modules); the directive would only add bytes.
    rollupOptions: { output: { strict: false } },
  }),
);
