import type { HoldReason, ImportWarning, SkipReason } from "./model.js";

/** Warnings kept for the final report; the rest are only counted, so memory stays bounded. */
const WARNINGS_KEPT = 200;

/**
 * What an import did: pages and comments written, what was skipped and why, and warnings
 * with the line of the file they refer to.
 *
 * @example
 * const report = new ImportReport();
 * report.skip("pingback");
 * report.warn(12, "comment 7: its parent 3 is not in the file; imported as a top-level comment");
 */
export class ImportReport {
  pagesImported = 0;
  pagesExisting = 0;
  commentsImported = 0;
  votesImported = 0;
  sharesImported = 0;
  readonly skipped = new Map<SkipReason, number>();
  /** Comments imported, but held for moderation, by why. */
  readonly held = new Map<HoldReason, number>();
  readonly warnings: ImportWarning[] = [];
  warningCount = 0;

  skip(reason: SkipReason, n = 1): void {
    if (n > 0) this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + n);
  }

  hold(reason: HoldReason, n = 1): void {
    if (n > 0) this.held.set(reason, (this.held.get(reason) ?? 0) + n);
  }

  warn(line: number | null, message: string): void {
    this.warningCount++;
    if (this.warnings.length < WARNINGS_KEPT) this.warnings.push({ line, message });
  }

  get skippedTotal(): number {
    let n = 0;
    for (const v of this.skipped.values()) n += v;
    return n;
  }

  /** The report as a plain object (what `--json` prints). */
  toJSON(): object {
    return {
      pages: { imported: this.pagesImported, existing: this.pagesExisting },
      comments: { imported: this.commentsImported },
      votes: { imported: this.votesImported },
      shares: { imported: this.sharesImported },
      skipped: Object.fromEntries([...this.skipped].sort(([a], [b]) => a.localeCompare(b))),
      held: Object.fromEntries([...this.held].sort(([a], [b]) => a.localeCompare(b))),
      warnings: this.warnings,
      warningCount: this.warningCount,
    };
  }

  /** The report in words, for people, one fact per line. */
  format(file: string): string {
    const lines = [
      `Imported ${this.commentsImported} comment(s) on ${this.pagesImported} new page(s)` +
        (this.pagesExisting ? ` and ${this.pagesExisting} page(s) already known` : "") +
        ".",
    ];
    if (this.votesImported || this.sharesImported) {
      lines.push(`Imported ${this.votesImported} vote(s) and ${this.sharesImported} share count(s).`);
    }
    if (this.skipped.size) {
      lines.push(`Skipped ${this.skippedTotal}:`);
      for (const [reason, n] of [...this.skipped].sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`  ${reason.replaceAll("_", " ")}: ${n}`);
      }
    }
    if (this.held.size) {
      let n = 0;
      for (const v of this.held.values()) n += v;
      lines.push(`Held for moderation ${n} (imported as pending):`);
      for (const [reason, k] of [...this.held].sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`  ${reason.replaceAll("_", " ")}: ${k}`);
      }
    }
    if (this.warningCount) {
      lines.push(`Warnings (${this.warningCount}):`);
      for (const w of this.warnings)
        lines.push(`  ${w.line === null ? file : `${file}:${w.line}`}: ${w.message}`);
      if (this.warningCount > this.warnings.length) {
        lines.push(`  … and ${this.warningCount - this.warnings.length} more`);
      }
    }
    return lines.join("\n");
  }
}
