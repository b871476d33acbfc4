import { beforeAll, describe, expect, it } from "vitest";
import { BUDGETS, measure, readBudget } from "../bench/sizes.mjs";

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

// The issue "Threads from the server"'s first budget, measured on the page, in Chromium.
describe("what a reader downloads to read the example post (Chromium, gzip)", () => {
  let read: Awaited<ReturnType<typeof readBudget>>;
  beforeAll(async () => {
    read = await readBudget();
  }, 60_000);
  it("fetches the light parts once, in one file, beside the loader", () => {
    const paths = read.files.map((f) => f.path);
    expect(paths).toContain("embed.js");
    expect(paths.filter((p) => !/^(embed|comments|fr)\.js$/.test(p))).toEqual(["light.js"]);
  });
  it(`stays within ${BUDGETS.read} bytes before any interaction`, () => {
    expect(read.gzip).toBeLessThanOrEqual(BUDGETS.read);
  });
});
