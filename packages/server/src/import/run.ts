/**
 * @module import/run
 * Imports a WordPress or Disqus export in two steps. First the whole file is parsed,
 * checked and ordered into a spool on disk (memory stays bounded; a malformed file fails
 * here, before anything is written). Then the spool is written through the store in
 * batches of one transaction each, so a live server keeps answering meanwhile; every row
 * keeps its source id, so an interrupted import is finished by running it again.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importBatch } from "../comments/normalise.js";
import { avatarHash } from "../security/crypto.js";
import type { ImportBatch, ImportComment, ImportPage, ImportResult, Store } from "../store/types.js";
import { parseDisqus } from "./disqus.js";
import type { ImportSource, Sanitize } from "./model.js";
import type { Progress } from "./progress.js";
import {
  PACKED_AT,
  type PackedComment,
  packComment,
  pageRow,
  type SpoolRecord,
  unpackComment,
} from "./records.js";
import { ImportReport } from "./report.js";
import { timeSlice } from "./slice.js";
import { readSpoolLines, SpoolWriter } from "./spool.js";
import { parseWordPress } from "./wordpress.js";

export interface ImportOptions {
  file: string;
  store: Store;
  /** The site the comments belong to. */
  site: string;
  /** The server's sanitizer for comment HTML (render/markdown.ts). */
  sanitize: Sanitize;
  /** Import WordPress pingbacks and trackbacks too. */
  pingbacks?: boolean;
  /** WordPress: the query parameters that tell posts apart (`"p,page_id"`), as the widget's `data-page-id-param`. */
  pageIdParam?: string;
  progress?: Progress | null;
  /** Comments per transaction (IMPORT_BATCH by default). */
  batchSize?: number;
}

/**
 * Comments per transaction, for every import (XML and JSON). Each commit writes every index
 * page the batch touched to the write-ahead log again, and comments land all over the
 * indexes by page, date and e-mail: with every index updated per row (an import into a
 * database that has comments), 2,000 wrote 30% less than 1,000 (bench/import.bench.mjs).
 * Into an empty SQLite database, whose indexes are built at the end, both write about the
 * same (281 and 284 MB on the bench, times within its noise). Larger batches write less
 * still, but the batch is held in memory, and the bench's peak RSS starts to reach 150 MiB
 * from about 3,000.
 */
export const IMPORT_BATCH = 2000;

/**
 * Characters of spooled comments after which a batch is written, however few its comments:
 * a batch is held in memory (text, HTML, the statements' copies) and written in one
 * transaction, so 2,000 comments of 1 MiB each would hold gigabytes and the database for
 * seconds. Ordinary comments (a spool line of about 500 characters) reach IMPORT_BATCH first;
 * comments of 1 MiB go one or two at a time (4 Mi characters peaked 50 MiB higher).
 */
export const IMPORT_BATCH_CHARS = 1 << 20;

/** Counts and says a comment whose source id came earlier in the file. */
function duplicate(report: ImportReport, sourceId: string): void {
  report.skip("duplicate_in_file");
  report.warn(null, `comment ${sourceId} appears twice in the file; the second one is skipped`);
}

/**
 * Adds one batch's result to the report. A comment the store already had is a duplicate in
 * the file when this import wrote it (its id is at least `madeFrom`, the first id this
 * import made: see importIds), and was imported before otherwise.
 */
export function count(report: ImportReport, result: ImportResult, madeFrom?: string): void {
  report.pagesImported += result.pages.inserted;
  report.pagesExisting += result.pages.skipped;
  report.commentsImported += result.comments.inserted;
  for (const s of result.skippedComments) {
    if (s.reason === "exists") {
      const id = result.idsBySourceId.get(s.key);
      if (madeFrom !== undefined && id !== undefined && id.slice(0, 8) >= madeFrom.slice(0, 8))
        duplicate(report, s.key);
      else report.skip("already_imported");
    } else if (s.reason === "parent_not_on_page") {
      report.skip("parent_not_on_page");
      report.warn(null, `comment ${s.key}: its parent is a comment of another page; skipped`);
    } else {
      report.skip("parent_not_found");
      report.warn(null, `comment ${s.key}: its parent could not be found in the database; skipped`);
    }
  }
}

// The URL-safe base64 alphabet in ASCII order, so that ids made in a row sort in that order.
const SORTED = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
const SORTED_CODES = Array.from(SORTED, (c) => c.charCodeAt(0));
/** Random bytes per comment id: 48 bits, the last 8 of its 16 URL-safe characters. */
const ID_RANDOM_BYTES = 6;

/**
 * Makes comment ids shaped as security/crypto's newId (16 URL-safe characters), whose first
 * 8 characters count up from the clock at the start of the import, in 1/64 ms, and whose
 * last 8 are random. New rows then land at the end of the id and thread indexes instead of
 * on a random page each: on SQLite, each batch otherwise rewrites most of those indexes.
 */
export function importIds(start = Date.now() * 64): (count: number) => string[] {
  let next = start;
  return (count) => {
    const random = randomBytes(ID_RANDOM_BYTES * count);
    const ids: string[] = new Array(count);
    const prefix: number[] = new Array(8);
    for (let i = 0; i < count; i++) {
      let n = next++;
      for (let k = 7; k >= 0; k--) {
        prefix[k] = SORTED_CODES[n % 64]!;
        n = Math.floor(n / 64);
      }
      ids[i] =
        String.fromCharCode(...prefix) +
        random.subarray(i * ID_RANDOM_BYTES, (i + 1) * ID_RANDOM_BYTES).toString("base64url");
    }
    return ids;
  };
}

async function writeSpool(
  format: Exclude<ImportSource, "causette">,
  path: string,
  total: number,
  options: ImportOptions,
  report: ImportReport,
): Promise<void> {
  const size = options.batchSize ?? IMPORT_BATCH;
  let pages: ImportPage[] = [];
  // A batch's comments stay spool lines until it is written: decoded all at once, they are
  // garbage as soon as the batch is, and the heap does not keep thousands of them alive
  // while the rest of the batch is read (which made it grow by tens of megabytes).
  let lines: string[] = [];
  let chars = 0;
  let done = 0;
  const slice = timeSlice();
  const secret = await options.store.secret();
  const avatars = new Map<string, string>();
  const makeIds = importIds();
  let madeFrom: string | undefined;
  const flush = async () => {
    if (!pages.length && !lines.length) return;
    const comments: ImportComment[] = [];
    // Source ids in this batch: the store finds duplicates among committed rows only.
    const inBatch = new Set<string>();
    for (const line of lines) {
      const packed = JSON.parse(line) as PackedComment;
      const sourceId = packed[PACKED_AT.sourceId] as string;
      if (inBatch.has(sourceId)) {
        duplicate(report, sourceId);
        continue;
      }
      inBatch.add(sourceId);
      // Its HTML is made here, a comment at a time: the sanitizer is the import's costliest
      // step, and readers' requests get through between slices of it.
      comments.push(unpackComment(options.site, format, packed, options.sanitize));
      if (slice.over()) await slice.yield();
    }
    // Ids from one random draw per batch, and avatar seeds computed once per author: the
    // store would otherwise do both per row, and they dominate a large import.
    const ids = makeIds(comments.length);
    madeFrom ??= ids[0];
    comments.forEach((c, i) => {
      c.id = ids[i];
      const key = c.authorEmail ? `e:${c.authorEmail.toLowerCase()}` : `n:${c.authorName}`;
      let avatar = avatars.get(key);
      if (avatar === undefined) {
        if (avatars.size >= 10_000) avatars.clear();
        avatar = avatarHash(secret, c.authorEmail, c.authorName);
        avatars.set(key, avatar);
      }
      c.avatar = avatar;
    });
    const batch: ImportBatch<ImportComment> = { pages, comments };
    pages = [];
    lines = [];
    chars = 0;
    count(report, await importBatch(options.store, batch), madeFrom);
    if (slice.over()) await slice.yield();
  };
  try {
    for await (const chunk of readSpoolLines(path)) {
      for (const line of chunk) {
        // A comment is a JSON array, a page an object (records.ts).
        if (line.charCodeAt(0) === 0x5b) {
          lines.push(line);
          chars += line.length;
        } else pages.push((JSON.parse(line) as { page: ImportPage }).page);
        done++;
        if (lines.length >= size || pages.length >= size || chars >= IMPORT_BATCH_CHARS) {
          await flush();
          options.progress?.update("Writing", done, total);
        }
      }
    }
    await flush();
  } finally {
    await options.store.finishImport();
  }
  options.progress?.update("Writing", total, total);
}

/**
 * Imports a WordPress (WXR) or Disqus export into `options.site`.
 *
 * @example
 * const report = await importXml("wordpress", { file: "site.xml", store, site: "default", sanitize });
 * console.log(report.format("site.xml"));
 */
export async function importXml(
  format: Exclude<ImportSource, "causette">,
  options: ImportOptions,
): Promise<ImportReport> {
  const report = new ImportReport();
  const { file, site } = options;
  const onProgress = (read: number, total: number) => options.progress?.update("Reading", read, total);
  const dir = await mkdtemp(join(tmpdir(), "causette-import-"));
  try {
    const spool = new SpoolWriter(join(dir, "records.jsonl"));
    try {
      if (format === "wordpress") {
        await parseWordPress(
          file,
          report,
          (page, comments) => {
            spool.write({ page: pageRow(site, format, page) } satisfies SpoolRecord);
            for (const c of comments) spool.write(packComment(page.path, c) satisfies SpoolRecord);
          },
          { pingbacks: options.pingbacks ?? false, pageIdParam: options.pageIdParam, onProgress },
        );
      } else {
        await parseDisqus(
          file,
          report,
          { tmpDir: dir, fileBytes: (await stat(file)).size, onProgress },
          (page) => spool.write({ page: pageRow(site, format, page) } satisfies SpoolRecord),
          (path, comments) => {
            for (const c of comments) spool.write(packComment(path, c) satisfies SpoolRecord);
          },
        );
      }
    } finally {
      spool.close();
    }
    await writeSpool(format, spool.path, spool.count, options, report);
  } finally {
    options.progress?.done();
    await rm(dir, { recursive: true, force: true });
  }
  return report;
}
