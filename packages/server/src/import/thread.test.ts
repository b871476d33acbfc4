import { describe, expect, it } from "vitest";
import type { ParsedComment, SourceStatus } from "./model.js";
import { ImportReport } from "./report.js";
import { orderThread } from "./thread.js";

const parsed = (
  sourceId: string,
  parentSourceId: string | null,
  status: SourceStatus,
  minute: number,
): ParsedComment => ({
  sourceId,
  parentSourceId,
  authorName: `Reader ${sourceId}`,
  authorEmail: null,
  authorWebsite: null,
  isModerator: false,
  body: "Hi",
  bodyKind: "html",
  status,
  createdAt: new Date(Date.UTC(2024, 0, 1) + minute * 60_000).toISOString(),
  line: minute + 1,
});

describe("orderThread", () => {
  it("orders a 10,000-deep chain listed deepest first, parents first, and keeps trashed links as placeholders", () => {
    const DEPTH = 10_000;
    // Every other comment in the trash: each still has an approved reply below it.
    const chain = Array.from({ length: DEPTH }, (_, i) =>
      parsed(`n${i}`, i ? `n${i - 1}` : null, i % 2 ? "trash" : "approved", DEPTH - i),
    ).reverse();
    const report = new ImportReport();
    const t0 = performance.now();
    const out = orderThread(chain, report);
    console.log(`orderThread, a ${DEPTH}-deep chain: ${(performance.now() - t0).toFixed(0)} ms`);
    // The last one is in the trash with nothing below it: skipped.
    expect(out.map((c) => c.sourceId)).toEqual(Array.from({ length: DEPTH - 1 }, (_, i) => `n${i}`));
    expect(out.map((c) => c.parentSourceId)).toEqual([null, ...out.slice(0, -1).map((c) => c.sourceId)]);
    expect(out.filter((c) => c.status === "deleted")).toHaveLength(DEPTH / 2 - 1);
    expect(out.at(-1)!.status).toBe("approved");
  });
});
