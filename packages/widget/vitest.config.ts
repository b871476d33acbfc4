import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

export default defineProject({
  resolve: {
    alias: { "@causette/types": fileURLToPath(new URL("../types/src/index.ts", import.meta.url)) },
  },
  define: { "process.env.NODE_ENV": JSON.stringify("test") },
  test: {
    name: "widget",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "happy-dom",
  },
});
