import { defineConfig } from "vitest/config";

// One run over every package: unit and component tests beside the sources, and the
// browser end-to-end tests in e2e/ (real server process, real Chromium).
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "e2e/vitest.config.ts"],
  },
});
