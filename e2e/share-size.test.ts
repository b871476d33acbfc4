import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lightParts, sizeOf } from "../bench/sizes.mjs";

// The light parts' lazy files, each with the chunks it imports: what a page with quote boxes,
// a share bar or counts fetches after the loader (whose budget size.test.ts checks).
const BUDGETS: Record<string, number> = {
  "tweet.js (quote boxes' upgrade)": 3_200,
  "exact X counter (fetched by tweet.js for long posts)": 9_500,
  "share.js (share bar)": 5_000,
  "counts.js (comment counts)": 1_500,
};

describe("light parts' lazy chunks (gzip, with their static imports)", () => {
  const parts = lightParts() as Record<string, string[]>;
  it("are the parts a budget is set for", () => {
    expect(Object.keys(parts)).toEqual(Object.keys(BUDGETS));
  });
  for (const [name, budget] of Object.entries(BUDGETS)) {
    it(`${name} stays within ${budget} bytes`, () => {
      const gzip = parts[name]!.reduce((n, f) => n + sizeOf(readFileSync(f)).gzip, 0);
      expect(gzip).toBeGreaterThan(0);
      expect(gzip).toBeLessThanOrEqual(budget);
    });
  }
});
