import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { emojiPattern, tweetLength, weightedLength } from "./length.js";

// The official twitter-text conformance cases live outside the repository, in
// ../shared/fixtures (see its README); without that folder these tests say so and skip.
const DIR = resolve(import.meta.dirname, "../../../../../shared/fixtures/twitter-text");
const present = existsSync(`${DIR}/validate.yml`);

/** YAML double-quoted scalars: the escapes validate.yml uses. */
function unquote(raw: string): string {
  return raw.replace(/\\(U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    if (/^[Uux]/.test(e) && e.length > 1) return String.fromCodePoint(Number.parseInt(e.slice(1), 16));
    return ({ n: "\n", t: "\t", "0": "\0" } as Record<string, string>)[e] ?? e;
  });
}

/** The cases of one section: `text` and `expected.weightedLength`. */
function section(name: string): { description: string; text: string; length: number }[] {
  const yml = readFileSync(`${DIR}/validate.yml`, "utf8");
  const start = yml.indexOf(`\n  ${name}:`);
  const rest = yml.slice(start + name.length + 5);
  const body = rest.slice(0, rest.search(/\n {2}\w/) >>> 0);
  const cases = [];
  for (const block of body.split(/\n\s+- description: /).slice(1)) {
    const description = /^"(.*)"/.exec(block)![1]!;
    const text = unquote(/\n\s+text: "(.*)"\s*\n/.exec(block)![1]!);
    const length = Number(/weightedLength: (\d+)/.exec(block)![1]);
    cases.push({ description, text, length });
  }
  return cases;
}

describe.skipIf(!present)(
  present
    ? "tweetLength against twitter-text's conformance cases (validate.yml)"
    : "tweetLength conformance — SKIPPED: ../shared/fixtures/twitter-text/validate.yml is absent",
  () => {
    const cases = present ? section("WeightedTweetsWithDiscountedEmojiCounterTest") : [];
    it("reads all the v3 cases", () => {
      expect(cases.length).toBeGreaterThanOrEqual(20);
    });
    const fallback = emojiPattern(false);
    it.each(cases.map((c) => [c.description, c.text, c.length] as const))("%s", (_, text, length) => {
      expect(tweetLength(text)).toBe(length);
      // and with the emoji grammar of engines without the RegExp v flag
      expect(weightedLength(text, fallback)).toBe(length);
    });
    it("uses the weights and URL length of config-v3.json", () => {
      const config = JSON.parse(readFileSync(`${DIR}/config-v3.json`, "utf8"));
      expect(config.transformedURLLength).toBe(23);
      expect(config.maxWeightedTweetLength).toBe(280);
      for (const r of config.ranges as { start: number; end: number }[]) {
        for (const cp of [r.start, r.end]) expect(tweetLength(`${String.fromCodePoint(cp)}a`)).toBe(2);
        expect(tweetLength(String.fromCodePoint(r.end + 1))).toBe(2);
      }
    });
  },
);
