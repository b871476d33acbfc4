import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The moderation page: one HTML file and hashed assets under /admin/, served by the server
// with a strict Content-Security-Policy (no inline script or style anywhere).
export default defineConfig({
  base: "/admin/",
  resolve: {
    alias: { "@causette/types": fileURLToPath(new URL("../types/src/index.ts", import.meta.url)) },
  },
  build: {
    target: "es2020",
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: false,
    // A data: URL would need `img-src data:` or inline styles; keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
