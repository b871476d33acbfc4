import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EMBED_DIST, sizeOf, staticGraph } from "../bench/sizes.mjs";

// The light parts' lazy chunks, each with the shared chunks it imports: what a page with a
// share bar, counts, or quote boxes fetches after the loader (whose budget size.test.ts checks).
const BUDGETS = { "share.js": 5_000, "counts.js": 1_500, "tweet-exact.js": 12_000 };

function gzipOf(entry: string): number {
  return staticGraph(join(EMBED_DIST, entry)).reduce(
    (n: number, f: string) => n + sizeOf(readFileSync(f)).gzip,
    0,
  );
}

describe("light parts' lazy chunks (gzip, with their static imports)", () => {
  for (const [file, budget] of Object.entries(BUDGETS)) {
    it(`${file} stays within ${budget} bytes`, () => {
      expect(gzipOf(file)).toBeLessThanOrEqual(budget);
    });
  }
});
