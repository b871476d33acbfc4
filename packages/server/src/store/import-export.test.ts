import { describe, expect, it } from "vitest";
import { normaliseImported } from "../comments/normalise.js";
import { emptyResult, type Known, resolveComments } from "./import-export.js";
import type { ImportComment } from "./types.js";

const comment = (sourceId: string, parentSourceId: string | null, minute: number): ImportComment => ({
  site: "default",
  page: "/p/",
  source: "wordpress",
  sourceId,
  parentSourceId,
  authorName: `Reader ${sourceId}`,
  body: "Hi",
  html: "<p>Hi</p>",
  createdAt: new Date(Date.UTC(2024, 0, 1) + minute * 60_000).toISOString(),
});

function resolve(comments: ImportComment[], byId = new Map<string, Known>()) {
  const result = emptyResult();
  const { rows } = resolveComments(
    comments.map((c) => normaliseImported("secret", c)),
    new Set(),
    new Map(),
    byId,
    result,
  );
  return { rows, result };
}

describe("resolveComments", () => {
  it("puts parents first whatever the order given, and skips replies whose parent is nowhere", () => {
    const { rows, result } = resolve([
      comment("c", "b", 3),
      comment("x", "missing", 4),
      comment("b", "a", 2),
      { ...comment("y", null, 5), parentSourceId: "a", source: null },
      comment("a", null, 1),
      comment("d", "a", 6),
    ]);
    const order = rows.map((r) => r.source_id);
    expect(order.slice().sort()).toEqual(["a", "b", "c", "d"]);
    for (const row of rows) {
      const parent = rows.findIndex((p) => p.id === row.parent_id);
      expect(parent).toBeLessThan(rows.indexOf(row));
    }
    expect(new Set(rows.map((r) => r.thread_id))).toEqual(new Set([rows[order.indexOf("a")]!.id]));
    expect(result.skippedComments).toEqual([
      { key: "x", reason: "parent_not_found" },
      { key: "y", reason: "parent_not_found" },
    ]);
  });

  it("resolves a 10,000-deep chain listed deepest reply first in one pass", () => {
    const DEPTH = 10_000;
    const chain = Array.from({ length: DEPTH }, (_, i) =>
      comment(`n${i}`, i ? `n${i - 1}` : null, i),
    ).reverse();
    const t0 = performance.now();
    const { rows } = resolve(chain);
    const ms = performance.now() - t0;
    console.log(`resolveComments, a ${DEPTH}-deep chain deepest first: ${ms.toFixed(0)} ms`);
    expect(rows.map((r) => r.source_id)).toEqual(chain.map((c) => c.sourceId).reverse());
    // One level resolved per pass over what was left: 50 million steps, seconds.
    expect(ms).toBeLessThan(1_500);
  });
});
