import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBatch } from "../comments/normalise.js";
import { importJson } from "../import/json.js";
import { sanitizeCommentHtml } from "../render/markdown.js";
import type { ImportComment } from "../store/types.js";
import { exportText } from "../test-utils/import-fixtures.js";
import { storeTargets, type TestStore } from "../test-utils/stores.js";
import { writeExport } from "./json.js";

const DEPTH = 10_000;
const START = Date.UTC(2024, 0, 1);

/**
 * A chain of DEPTH comments on `page`, each replying to the one before. `newestFirst`: each
 * reply dated a minute *before* its parent (clocks of an old host, an edited file), so the
 * export's order (by date) lists the deepest reply first.
 */
function chain(site: string, newestFirst: boolean): ImportComment[] {
  return Array.from({ length: DEPTH }, (_, i) => ({
    id: `${site}${i}`,
    site,
    page: "/deep/",
    parentId: i ? `${site}${i - 1}` : null,
    authorName: `Reader ${i}`,
    body: `Reply ${i}`,
    html: `<p>Reply ${i}</p>`,
    createdAt: new Date(START + (newestFirst ? DEPTH - i : i) * 60_000).toISOString(),
  }));
}

// Two databases per target: PostgreSQL's test schemas are named after the suite.
const targets = storeTargets("export_deep").map((target, i) => ({
  ...target,
  openOther: storeTargets("export_deep_into")[i]!.open,
}));

describe.each(targets)("a 10,000-deep chain, exported and imported ($label)", ({ open, openOther }) => {
  let a: TestStore;
  let b: TestStore;
  let dir: string;
  beforeAll(async () => {
    [a, b] = [await open(), await openOther()];
    dir = await mkdtemp(join(tmpdir(), "causette-deep-"));
    await importBatch(a.store, { comments: [...chain("rising", false), ...chain("falling", true)] });
  }, 120_000);
  afterAll(async () => {
    await a?.cleanup();
    await b?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  /** Exports `site` to a file, imports the file into `b`: the milliseconds of each. */
  async function roundTrip(site: string) {
    const file = join(dir, `${site}.json`);
    let t0 = performance.now();
    const out = createWriteStream(file);
    await writeExport(a.store, site, out);
    out.end();
    await finished(out);
    const exportMs = performance.now() - t0;
    t0 = performance.now();
    const report = await importJson({ file, store: b.store, site: null, sanitize: sanitizeCommentHtml });
    const importMs = performance.now() - t0;
    expect(report.commentsImported).toBe(DEPTH);
    const last = await b.store.getComment(`${site}${DEPTH - 1}`);
    expect(last).toMatchObject({ parentId: `${site}${DEPTH - 2}`, threadId: `${site}0` });
    expect(await exportText(b.store, site)).toBe(await exportText(a.store, site));
    return { exportMs, importMs };
  }

  it("comes back whole, parents and all, the same bytes, as fast listed deepest reply first", async () => {
    const rising = await roundTrip("rising");
    const falling = await roundTrip("falling");
    console.log(
      `a ${DEPTH}-deep chain, export / import json: parents first ${rising.exportMs.toFixed(0)} / ${rising.importMs.toFixed(0)} ms, ` +
        `deepest first ${falling.exportMs.toFixed(0)} / ${falling.importMs.toFixed(0)} ms`,
    );
    // Resolving one level per pass made the deepest-first file ~8 times slower to import.
    expect(falling.importMs).toBeLessThan(rising.importMs * 2 + 250);
  }, 120_000);
});
