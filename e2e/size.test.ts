import { describe, expect, it } from "vitest";
import { BUDGETS, COMMENT_PAGES, commentBudget, measure } from "../bench/sizes.mjs";

type Row = { raw: number; gzip: number; brotli: number };

describe("size budgets (gzip)", () => {
  const rows = measure() as Record<string, Row>;
  it(`the loader embed.js stays within ${BUDGETS.loader} bytes`, () => {
    expect(rows["loader (embed.js)"]!.gzip).toBeLessThanOrEqual(BUDGETS.loader);
  });
  it(`what a reader downloads to read and post comments stays within ${BUDGETS.reader} bytes`, () => {
    expect(rows["reader total (loader + app, English)"]!.gzip).toBeLessThanOrEqual(BUDGETS.reader);
  });
});

// The issue "Threads from the server"'s second budget: a reader who comments (the app, ky
// and the strings on top of the read parts), on the English and the French example posts.
describe("what a reader who comments downloads on the example posts (Chromium, gzip)", () => {
  for (const path of COMMENT_PAGES) {
    it(`stays within ${BUDGETS.comment} bytes on ${path}, the app included`, async () => {
      const c = await commentBudget(path);
      const paths = c.files.map((f) => f.path);
      expect(paths).toContain("embed.js");
      expect(paths).toContain("comments.js");
      if (path.startsWith("/fr/")) expect(paths).toContain("fr.js");
      expect(c.gzip).toBeLessThanOrEqual(BUDGETS.comment);
    }, 60_000);
  }
});
