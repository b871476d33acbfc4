import { defineConfig } from "vite";

// Nothing special: @causette/widget is an ordinary ESM package for Vite.
export default defineConfig({
  build: { target: "es2022" },
  server: { port: 5173 },
});
