/**
 * Passages' bytes (issue #17), gzip: the lazy chunks against their budgets (bench/sizes.mjs),
 * and the selection listener's own share of the loader — built alone, minified as the loader
 * is — within the 600 B the issue allows.
 */
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";
import { describe, expect, it } from "vitest";
import { measure, PASSAGE_BUDGETS, passageParts } from "../bench/sizes.mjs";

const WIDGET = resolve(import.meta.dirname, "../packages/widget");

describe("passages' sizes (gzip)", () => {
  const rows = measure() as Record<string, { gzip: number }>;
  it("are the parts a budget is set for", () => {
    expect(Object.keys(passageParts())).toEqual(Object.keys(PASSAGE_BUDGETS));
  });
  for (const [name, budget] of Object.entries(PASSAGE_BUDGETS)) {
    it(`${name} stays within ${budget} bytes`, () => {
      expect(rows[name]!.gzip).toBeGreaterThan(0);
      expect(rows[name]!.gzip).toBeLessThanOrEqual(budget);
    });
  }

  it("the selection listener adds at most 600 bytes to the loader", async () => {
    const out = await build({
      configFile: false,
      logLevel: "silent",
      root: WIDGET,
      build: {
        write: false,
        // Terser, from the widget's own dependencies, as the loader's build minifies.
        minify: "terser",
        terserOptions: { compress: { passes: 2 } },
        lib: { entry: resolve(WIDGET, "src/passages/listener.ts"), formats: ["es"], fileName: "listener" },
        // The loader's own comments part (the thread's URL, which the listener reuses) is
        // there without the listener: not counted.
        rollupOptions: { external: [/loader\/comments/] },
      },
    });
    const code = (Array.isArray(out) ? out[0]! : (out as { output: { code?: string }[] })).output[0]!.code!;
    const gzip = gzipSync(code, { level: 9 }).length;
    console.log(`[passages] selection listener alone: ${gzip} B gzip`);
    expect(gzip).toBeGreaterThan(100);
    expect(gzip).toBeLessThanOrEqual(600);
  });
});
