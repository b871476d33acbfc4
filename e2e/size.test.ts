import { beforeAll, describe, expect, it } from "vitest";
import { BUDGETS, COMMENT_PAGES, commentBudget, measure, readBudget } from "../bench/sizes.mjs";

type Row = { raw: number; gzip: number; brotli: number };

describe("size budgets (gzip)", () => {
  const rows = measure() as Record<string, Row>;
  it(`the loader embed.js stays within ${BUDGETS.loader} bytes`, () => {
    expect(rows["loader (embed.js)"]!.gzip).toBeLessThanOrEqual(BUDGETS.loader);
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
    expect(paths.filter((p) => !/^(embed|comments|comments\.fr|fr)\.js$/.test(p))).toEqual(["light.js"]);
  });
  it(`stays within ${BUDGETS.read} bytes before any interaction`, () => {
    expect(read.gzip).toBeLessThanOrEqual(BUDGETS.read);
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
      // The app in the page's language, its strings in it: French pages have their own build.
      const french = path.startsWith("/fr/");
      expect(paths).toContain(french ? "comments.fr.js" : "comments.js");
      expect(paths.filter((p) => /^(comments|comments\.fr|fr)\.js$/.test(p))).toHaveLength(1);
      expect(c.gzip).toBeLessThanOrEqual(BUDGETS.comment);
    }, 60_000);
  }
});
