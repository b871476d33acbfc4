import { describe, expect, it } from "vitest";
import { BUDGETS, measure } from "../bench/sizes.mjs";

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
