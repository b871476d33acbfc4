/**
 * Disqus XML export: `<thread>` elements (pages) then `<post>` elements (comments) that
 * point at their thread and parent by `dsq:id`, in no guaranteed order. Threads are few
 * and kept in memory; posts are not: while parsing they go to spool files bucketed by
 * thread, then each bucket is read back and ordered page by page. Memory is bounded by
 * the thread map plus one bucket (about BUCKET_BYTES of the file), whatever its size.
 */
import { join } from "node:path";
import { LIMITS } from "@causette/types";
import type { ParsedComment, ParsedPage, SourceStatus } from "./model.js";
import type { ImportReport } from "./report.js";
import { readSpool, SpoolWriter } from "./spool.js";
import { email as cleanEmail, httpUrl, isoDate, oneLine, pageIdFromUrl } from "./text.js";
import { type OrderedComment, orderThread } from "./thread.js";
import { MAX_FIELD } from "./wordpress.js";
import { ImportError, parseXmlFile } from "./xml.js";

/** Roughly how much of the file one bucket holds. */
export const BUCKET_BYTES = 4 << 20;

interface Thread {
  page: ParsedPage | null;
  line: number;
}

interface SpooledPost {
  thread: string;
  comment: ParsedComment;
}

export interface DisqusOptions {
  /** A directory for the bucket files; the caller removes it. */
  tmpDir: string;
  /** The file's size, to choose the number of buckets. */
  fileBytes: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Bytes of file per bucket (tests set it small to spread posts over many buckets). */
  bucketBytes?: number;
}

function bucketOf(key: string, buckets: number): number {
  // FNV-1a: cheap and spreads thread ids well enough.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % buckets;
}

const yes = (v: string | undefined) => (v ?? "").trim() === "true";

/**
 * Parses a Disqus export, then calls `onPage` once per page that gets comments (or is
 * closed) and `onComments` with each page's comments, in insertion order, after its page.
 *
 * @example
 * await parseDisqus("disqus.xml", report, { tmpDir, fileBytes }, onPage, onComments);
 */
export async function parseDisqus(
  file: string,
  report: ImportReport,
  options: DisqusOptions,
  onPage: (page: ParsedPage) => void,
  onComments: (page: string, comments: OrderedComment[]) => void,
): Promise<void> {
  const bucketCount = Math.min(
    256,
    Math.max(1, Math.ceil(options.fileBytes / (options.bucketBytes ?? BUCKET_BYTES))),
  );
  const buckets: SpoolWriter[] = [];
  const bucket = (i: number) => {
    buckets[i] ??= new SpoolWriter(join(options.tmpDir, `disqus-${i}.jsonl`));
    return buckets[i]!;
  };
  const threads = new Map<string, Thread>();

  const stack: string[] = [];
  let kind: "thread" | "post" | null = null;
  let id = "";
  let line = 0;
  let fields: Record<string, string> = {};
  let refs: Record<string, string> = {};
  let field: string | null = null;
  let fieldDepth = 0;
  let buf = "";
  let over = false;

  const finishThread = () => {
    const link = (fields.link ?? "").trim();
    const path = pageIdFromUrl(link);
    if (!id) return;
    if (path === null) {
      threads.set(id, { page: null, line });
      return;
    }
    threads.set(id, {
      line,
      page: {
        path,
        title: oneLine(fields.title ?? "", LIMITS.pageTitleMax) || null,
        url: link.length <= LIMITS.pageUrlMax ? link : null,
        locked: yes(fields.isClosed),
        sourceId: id,
        createdAt: isoDate(fields.createdAt ?? ""),
      },
    });
  };

  const finishPost = () => {
    const postId = id || `line-${line}`;
    if (fields.__over) {
      report.skip("too_large");
      report.warn(line, `post ${postId} is longer than ${MAX_FIELD} characters; skipped`);
      return;
    }
    const createdAt = isoDate(fields.createdAt ?? "");
    if (createdAt === null) {
      report.skip("invalid_date");
      report.warn(line, `post ${postId} has no readable <createdAt>; skipped`);
      return;
    }
    const status: SourceStatus = yes(fields.isSpam) ? "spam" : yes(fields.isDeleted) ? "deleted" : "approved";
    const thread = refs.thread ?? "";
    bucket(bucketOf(thread, bucketCount)).write({
      thread,
      comment: {
        sourceId: postId,
        parentSourceId: refs.parent || null,
        authorName:
          oneLine(fields.name ?? "", LIMITS.nameMax) ||
          oneLine(fields.username ?? "", LIMITS.nameMax) ||
          "Anonymous",
        authorEmail: cleanEmail(fields.email ?? ""),
        authorWebsite: httpUrl(fields.link ?? ""),
        isModerator: false,
        body: (fields.message ?? "").trim(),
        bodyKind: "html",
        status,
        createdAt,
        line,
      },
    } satisfies SpooledPost);
  };

  try {
    await parseXmlFile(
      file,
      {
        open(name, attrs, at) {
          stack.push(name);
          const depth = stack.length;
          if (depth === 1 && name !== "disqus") {
            throw new ImportError(
              name === "rss"
                ? `${file} is a WordPress export: use \`causette import wordpress\``
                : `${file} is not a Disqus export: its root element is <${name}>, not <disqus>`,
            );
          }
          if (field !== null) return;
          if (depth === 2 && (name === "thread" || name === "post")) {
            kind = name;
            id = (attrs.id ?? "").trim();
            line = at;
            fields = {};
            refs = {};
            return;
          }
          if (kind === null) return;
          if (depth === 3 && kind === "post" && (name === "thread" || name === "parent")) {
            refs[name] = (attrs.id ?? "").trim();
            return;
          }
          // Text fields of a thread or post (depth 3) and of its <author> (depth 4).
          if ((depth === 3 && name !== "author") || (depth === 4 && stack[2] === "author")) {
            field = name;
            fieldDepth = depth;
            buf = "";
            over = false;
          }
        },
        text(text) {
          if (field === null) return;
          if (buf.length + text.length > MAX_FIELD) over = true;
          else buf += text;
        },
        close() {
          const depth = stack.length;
          stack.pop();
          if (field !== null) {
            if (depth !== fieldDepth) return;
            // An <author>'s own fields keep their names (name, email, username, link);
            // the thread's <link> is read before its <author>, whose link would not matter.
            if (!(depth === 4 && field in fields)) fields[field] = buf;
            if (over) fields.__over = "1";
            field = null;
            buf = "";
            return;
          }
          if (depth === 2 && kind !== null) {
            if (kind === "thread") finishThread();
            else finishPost();
            kind = null;
          }
        },
      },
      options.onProgress,
    );
  } finally {
    for (const b of buckets) b?.close();
  }

  // The file is whole and well formed: now order each bucket, page by page.
  const emitted = new Set<string>();
  const emitPage = (page: ParsedPage) => {
    if (emitted.has(page.path)) return;
    emitted.add(page.path);
    onPage(page);
  };
  // Threads whose URLs differ only by query or fragment are one page: the first one seen
  // names it, and it is locked when any of them is closed.
  const pages = new Map<string, ParsedPage>();
  for (const t of threads.values()) {
    if (!t.page) continue;
    const known = pages.get(t.page.path);
    if (!known) pages.set(t.page.path, { ...t.page });
    else known.locked ||= t.page.locked;
  }
  for (let i = 0; i < bucketCount; i++) {
    if (!buckets[i]) continue;
    const byPage = new Map<string, ParsedComment[]>();
    for await (const { thread, comment } of readSpool<SpooledPost>(buckets[i]!.path)) {
      const t = threads.get(thread);
      if (!t?.page) {
        report.skip(t ? "page_without_link" : "thread_missing");
        report.warn(
          comment.line,
          t
            ? `post ${comment.sourceId}: its thread ${thread} (line ${t.line}) has no usable <link>; skipped`
            : `post ${comment.sourceId}: its thread ${thread || "(none)"} is not in the file; skipped`,
        );
        continue;
      }
      const list = byPage.get(t.page.path);
      if (list) list.push(comment);
      else byPage.set(t.page.path, [comment]);
    }
    for (const [path, comments] of byPage) {
      const ordered = orderThread(comments, report);
      if (!ordered.length) continue;
      emitPage(pages.get(path)!);
      onComments(path, ordered);
    }
  }
  for (const page of pages.values()) if (page.locked) emitPage(page);
}
