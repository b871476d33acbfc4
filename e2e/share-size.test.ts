import { describe, expect, it } from "vitest";
import { LIGHT_BUDGETS, lightParts, measure } from "../bench/sizes.mjs";

// What a page with quote boxes, a share bar or counts fetches after the loader (whose budget
// size.test.ts checks), each part with the chunks it imports.
describe("light parts' lazy chunks (gzip, with their static imports)", () => {
  const rows = measure() as Record<string, { gzip: number }>;
  it("are the parts a budget is set for", () => {
    expect(Object.keys(lightParts())).toEqual(Object.keys(LIGHT_BUDGETS));
  });
  for (const [name, budget] of Object.entries(LIGHT_BUDGETS)) {
    it(`${name} stays within ${budget} bytes`, () => {
      expect(rows[name]!.gzip).toBeGreaterThan(0);
      expect(rows[name]!.gzip).toBeLessThanOrEqual(budget);
    });
  }
});
