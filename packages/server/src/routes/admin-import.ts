/**
 * `POST /api/admin/import?format=auto|wordpress|disqus|json[&site=…][&pingbacks=1]`: the admin
 * page's upload of an export. `auto` reads the format from the file's first bytes (its root
 * element, or a JSON object); a format given is checked the same way, so a Disqus file sent
 * as WordPress is refused with what it is. The body (the file itself, any Content-Type) is streamed to a
 * temp file, up to IMPORT_BYTES_MAX, then handed to the importers `causette import` runs
 * (import/run.ts, import/json.ts): the same checks, the same report. A malformed file
 * answers 400 with its line and column, and nothing is imported. Imports run one at a time.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { Hono } from "hono";
import type { AppContext } from "../context.js";
import { type CausetteError, fail } from "../errors.js";
import { importFile } from "../import/file.js";
import type { ImportReport } from "../import/report.js";
import { type ExportFormat, FORMAT_NAMES, sniffFile } from "../import/sniff.js";
import { ImportError } from "../import/xml.js";
import * as v from "../validate.js";
import { oneAtATime } from "./one-at-a-time.js";

/** The largest upload taken: 512 MiB, well above a large blog's export. */
export const IMPORT_BYTES_MAX = 512 * 1024 * 1024;

const FORMATS = ["auto", "wordpress", "disqus", "json"] as const;
type Format = (typeof FORMATS)[number];

/** The format to import `file` as: the one detected, which must be the one asked for, if any. */
async function formatOf(file: string, asked: Format): Promise<ExportFormat> {
  const found = await sniffFile(file);
  if (found === null) {
    throw fail(
      "invalid_field",
      "This file is not a WordPress (WXR), Disqus or Causette export: its first element is neither <rss> nor <disqus>, and it is not JSON. Nothing was imported.",
      "file",
    );
  }
  if (asked !== "auto" && asked !== found) {
    throw fail(
      "invalid_field",
      `This file is ${FORMAT_NAMES[found].what}, not ${FORMAT_NAMES[asked].what}: choose "${FORMAT_NAMES[found].label}" as the format, or "Detect from the file". Nothing was imported.`,
      "format",
    );
  }
  return found;
}

function tooLarge(maxBytes: number): CausetteError {
  return fail(
    "too_large",
    `The file is over ${Math.round(maxBytes / 1024 / 1024)} MiB; import it with \`causette import\` on the server instead.`,
  );
}

/** Writes the request body to `path`, refusing it (413) once it passes `maxBytes`. */
async function saveBody(body: ReadableStream<Uint8Array>, path: string, maxBytes: number): Promise<number> {
  let size = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) done(tooLarge(maxBytes));
      else done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), cap, createWriteStream(path));
  return size;
}

/** An importer's message without the temp file's path, its position in words. */
function readable(err: ImportError, file: string): string {
  let message = err.message.replaceAll(`${file}:`, "").replaceAll(file, "the file");
  message = message.replace(/^\d+:(?:\d+:)?\s*/, "");
  if (err.line !== null)
    message = `Line ${err.line}${err.column !== null ? `, column ${err.column}` : ""}: ${message}`;
  return `${message} Nothing was imported.`;
}

/**
 * @example
 * curl -b "causette_admin=…" --data-binary @export.xml \
 *   "http://localhost:8080/api/admin/import?format=wordpress&site=blog"
 */
export function adminImportRoutes(ctx: AppContext, maxBytes = IMPORT_BYTES_MAX): Hono {
  const app = new Hono();
  // One import at a time: two at once would only slow each other and race on the same rows.
  const queue = oneAtATime();

  app.post("/", async (c) => {
    const format = c.req.query("format") as Format | undefined;
    if (!format || !FORMATS.includes(format))
      throw fail("invalid_field", "format must be auto, wordpress, disqus or json.", "format");
    const siteParam = c.req.query("site");
    const site = siteParam === undefined || siteParam === "" ? null : v.site(siteParam);
    const pingbacks = c.req.query("pingbacks") === "1" || c.req.query("pingbacks") === "true";
    const length = Number(c.req.header("Content-Length") ?? Number.NaN);
    if (length > maxBytes) throw tooLarge(maxBytes);
    const body = c.req.raw.body;
    if (!body || length === 0)
      throw fail("invalid_field", "Send the export file as the request body.", "file");

    const dir = await mkdtemp(join(tmpdir(), "causette-upload-"));
    const file = join(dir, "upload");
    try {
      const size = await saveBody(body, file, maxBytes);
      if (size === 0) throw fail("invalid_field", "Send the export file as the request body.", "file");
      const found = await formatOf(file, format);
      let report: ImportReport;
      try {
        report = await queue(() =>
          importFile(found, { file, store: ctx.store, site, pingbacks, progress: null }),
        );
      } catch (err) {
        if (err instanceof ImportError) throw fail("invalid_field", readable(err, file), "file");
        throw err;
      }
      return c.json({ format: found, detected: format === "auto", bytes: size, report: report.toJSON() });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  return app;
}
