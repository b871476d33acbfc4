import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { terminalProgress } from "./progress.js";
import { ImportReport } from "./report.js";

function stream(isTTY: boolean) {
  const out: string[] = [];
  const s = new Writable({
    write(chunk, _enc, done) {
      out.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  (s as { isTTY: boolean }).isTTY = isTTY;
  return { s, out };
}

describe("progress bar", () => {
  it("draws on a terminal and clears its line at the end", () => {
    const { s, out } = stream(true);
    const bar = terminalProgress(s)!;
    bar.update("Reading", 50, 200);
    bar.update("Writing", 200, 200);
    bar.done();
    expect(out[0]).toMatch(/^\rReading █{6}░{18} 25%/);
    expect(out[1]).toMatch(/Writing █{24} 100%/);
    expect(out.at(-1)).toBe("\r\u001b[K");
  });

  it("stays silent when stderr is a pipe or a file", () => {
    expect(terminalProgress(stream(false).s)).toBeNull();
  });
});

describe("import report", () => {
  it("says what was imported, what was skipped and why, and where the warnings are", () => {
    const r = new ImportReport();
    r.commentsImported = 3;
    r.pagesImported = 1;
    r.skip("pingback", 2);
    r.skip("thread_missing");
    r.warn(42, "comment 7: its parent 3 is not in the file; imported as a top-level comment");
    r.warn(null, "a warning about the whole file");
    expect(r.format("export.xml")).toBe(
      [
        "Imported 3 comment(s) on 1 new page(s).",
        "Skipped 3:",
        "  pingback: 2",
        "  thread missing: 1",
        "Warnings (2):",
        "  export.xml:42: comment 7: its parent 3 is not in the file; imported as a top-level comment",
        "  export.xml: a warning about the whole file",
      ].join("\n"),
    );
    expect(JSON.parse(JSON.stringify(r)).skipped).toEqual({ pingback: 2, thread_missing: 1 });
  });

  it("keeps the first 200 warnings and counts the rest", () => {
    const r = new ImportReport();
    for (let i = 0; i < 250; i++) r.warn(i, "w");
    expect(r.warnings).toHaveLength(200);
    expect(r.format("f")).toMatch(/… and 50 more$/);
  });
});
