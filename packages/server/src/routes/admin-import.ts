/**
 * `POST /api/admin/import?format=wordpress|disqus|json[&site=…][&pingbacks=1]`: the admin
 * page's upload of an export. The body (the file itself, any Content-Type) is streamed to a
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
import { ImportError } from "../import/xml.js";
import * as v from "../validate.js";
import { oneAtATime } from "./one-at-a-time.js";

/** The largest upload taken: 512 MiB, well above a large blog's export. */
export const IMPORT_BYTES_MAX = 512 * 1024 * 1024;

const FORMATS = ["wordpress", "disqus", "json"] as const;
type Format = (typeof FORMATS)[number];

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
      throw fail("invalid_field", "format must be wordpress, disqus or json.", "format");
    const siteParam = c.req.query("site");
    const site = siteParam === undefined || siteParam === "" ? null : v.site(siteParam);
    const pingbacks = c.req.query("pingbacks") === "1" || c.req.query("pingbacks") === "true";
    const length = Number(c.req.header("Content-Length") ?? Number.NaN);
    if (length > maxBytes) throw tooLarge(maxBytes);
    const body = c.req.raw.body;
    if (!body || length === 0)
      throw fail("invalid_field", "Send the export file as the request body.", "file");

    const dir = await mkdtemp(join(tmpdir(), "causette-upload-"));
    const file = join(dir, format === "json" ? "upload.json" : "upload.xml");
    try {
      const size = await saveBody(body, file, maxBytes);
      if (size === 0) throw fail("invalid_field", "Send the export file as the request body.", "file");
      let report: ImportReport;
      try {
        report = await queue(() =>
          importFile(format, { file, store: ctx.store, site, pingbacks, progress: null }),
        );
      } catch (err) {
        if (err instanceof ImportError) throw fail("invalid_field", readable(err, file), "file");
        throw err;
      }
      return c.json({ format, bytes: size, report: report.toJSON() });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  return app;
}
