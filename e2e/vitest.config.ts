import { defineProject } from "vitest/config";

// Browser end-to-end tests: each file starts the real server as a separate process and
// drives Debian's Chromium. Files run one at a time: two cores, one browser each.
export default defineProject({
  test: {
    name: "e2e",
    include: ["**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
