/**
 * `causette import json FILE`: reads back what `causette export` wrote (export/json.ts),
 * with the same ids, so export → fresh database → import → export gives the same bytes.
 * The file is read twice: once to check all of it (nothing is written when any record is
 * wrong), once to write it in batches.
 */

import { importBatch } from "../comments/normalise.js";
import type { AliasRecord } from "../store/page-moves.js";
import type { ImportComment, ImportPage, ImportShare, ImportVote } from "../store/types.js";
import { checkComment, checkPage, checkShare } from "./json-checks.js";
import { readExport } from "./json-read.js";
import { storedHtml } from "./records.js";
import { ImportReport } from "./report.js";
import { count, IMPORT_BATCH, type ImportOptions } from "./run.js";
import { timeSlice } from "./slice.js";
import { ImportError } from "./xml.js";

/**
 * Imports a Causette JSON export into `options.site` (or, when `site` is null, into the
 * site the file names).
 *
 * @example
 * const report = await importJson({ file: "backup.json", store, site: null, sanitize });
 */
export async function importJson(
  options: Omit<ImportOptions, "site"> & { site: string | null },
): Promise<ImportReport> {
  const { file, store, sanitize } = options;
  const size = options.batchSize ?? IMPORT_BATCH;
  // First pass: every record is checked before anything is written.
  const commentIds = new Set<string>();
  let total = 0;
  for await (const [event, line] of readExport(file)) {
    total++;
    if (event.kind === "comments") commentIds.add(event.row.id);
    if (event.kind === "votes" && !commentIds.has(event.row.commentId)) {
      throw new ImportError(
        `${file}:${line}: a vote for comment ${event.row.commentId}, which is not in the file`,
        line,
      );
    }
  }
  commentIds.clear();

  const report = new ImportReport();
  let site = options.site ?? "";
  let pages: ImportPage[] = [];
  let comments: ImportComment[] = [];
  let votes: ImportVote[] = [];
  let lastPage = "";
  let done = 0;
  let shares: ImportShare[] = [];
  const slice = timeSlice();
  /** Comments refused by the API's rules: their votes are left out too. */
  const refusedIds = new Set<string>();
  const refuse = (line: number, what: string, why: string) => {
    report.skip("refused");
    report.warn(line, `${what}: ${why}; not imported`);
  };
  // Page moves' aliases, added once every comment is in (an alias never hides a thread).
  const aliases: AliasRecord[] = [];
  const flushShares = async () => {
    if (!shares.length) return;
    const result = await store.importBatch({ shares });
    report.sharesImported += result.shares.inserted;
    shares = [];
  };
  const flush = async () => {
    if (!pages.length && !comments.length && !votes.length) return;
    const result = await importBatch(store, { pages, comments, votes });
    count(report, result);
    report.votesImported += result.votes.inserted;
    pages = [];
    comments = [];
    votes = [];
    options.progress?.update("Writing", done, total);
  };
  try {
    for await (const [event, line] of readExport(file)) {
      done++;
      switch (event.kind) {
        case "header":
          site = options.site ?? event.site;
          break;
        case "pages": {
          const { page: p, refused } = checkPage(event.row);
          if (refused) {
            refuse(line, "a page", refused);
            break;
          }
          pages.push({ site, ...p });
          if (pages.length >= size) await flush();
          break;
        }
        case "comments": {
          const { comment: c, refused } = checkComment(event.row);
          if (refused) {
            refusedIds.add(c.id);
            refuse(line, `comment ${c.id}`, refused);
            break;
          }
          // A reply is written with its parent: batches end only where a page ends.
          if (comments.length >= size && c.page !== lastPage) await flush();
          lastPage = c.page;
          // The file may have been edited: its HTML is made safe again, through the sanitizer
          // unless it is markup the fast path knows (what Causette writes mostly is), whose
          // output is the sanitizer's, byte for byte: what Causette wrote comes back unchanged.
          comments.push({ site, ...c, html: storedHtml(c.html, sanitize) });
          if (slice.over()) await slice.yield();
          break;
        }
        case "votes":
          if (refusedIds.has(event.row.commentId)) break;
          if (comments.length || pages.length) await flush();
          votes.push(event.row as ImportVote);
          if (votes.length >= size) await flush();
          break;
        case "shares": {
          const refused = checkShare(event.row);
          if (refused) {
            refuse(line, "a share count", refused);
            break;
          }
          if (comments.length || pages.length || votes.length) await flush();
          shares.push({ site, ...event.row });
          if (shares.length >= size) await flushShares();
          break;
        }
        case "aliases":
          aliases.push(event.row);
          break;
      }
    }
    await flush();
    await flushShares();
    await store.moves.importAliases(site, aliases);
  } finally {
    await store.finishImport();
    options.progress?.done();
  }
  return report;
}
