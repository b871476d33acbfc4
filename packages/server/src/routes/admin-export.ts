/**
 * `GET /api/admin/export[?site=…]`: the site's `causette export`, as a download from the
 * admin page. The export is written to a temporary file first, as fast as the database
 * reads (on a connection of its own: the server keeps answering meanwhile), then the file
 * is sent as fast as the client takes it. So the server's memory does not grow with the
 * site, and a slow or stalled download holds neither memory nor the database's snapshot.
 * Exports run one at a time.
 */
import { createWriteStream } from "node:fs";
import { type FileHandle, mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { Hono } from "hono";
import type { AppContext } from "../context.js";
import { writeExport } from "../export/json.js";
import * as v from "../validate.js";
import { oneAtATime } from "./one-at-a-time.js";

/** Bytes read from the file per chunk sent. */
const READ_BYTES = 64 * 1024;

/** `causette-<site>-<YYYY-MM-DD>.json`, with what a file name cannot hold replaced. */
export function exportFileName(site: string, now = new Date()): string {
  return `causette-${site.replace(/[^\w.-]+/g, "_")}-${now.toISOString().slice(0, 10)}.json`;
}

/**
 * The file at `path` as a stream that reads only what the client has taken (pull, no
 * queue ahead), then calls `done` — at its end, on cancel, or on a read error.
 */
function fileBody(path: string, done: () => Promise<void>): ReadableStream<Uint8Array> {
  let file: FileHandle | null = null;
  const close = async () => {
    await file?.close().catch(() => {});
    file = null;
    await done();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          file ??= await open(path);
          const buffer = new Uint8Array(READ_BYTES);
          const { bytesRead } = await file.read(buffer, 0, READ_BYTES, null);
          if (bytesRead === 0) {
            await close();
            controller.close();
          } else controller.enqueue(buffer.subarray(0, bytesRead));
        } catch (err) {
          await close();
          controller.error(err);
        }
      },
      cancel: close,
    },
    { highWaterMark: 0 },
  );
}

/**
 * @example
 * curl -b "causette_admin=…" -o backup.json "http://localhost:8080/api/admin/export?site=blog"
 */
export function adminExportRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const queue = oneAtATime();

  app.get("/", async (c) => {
    const site = v.site(c.req.query("site") || undefined);
    const headers = {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(site)}"`,
    };
    // HEAD asks for the headers only: no export for a body that would be thrown away.
    if (c.req.method === "HEAD") return c.body(null, 200, headers);

    const dir = await mkdtemp(join(tmpdir(), "causette-export-"));
    const path = join(dir, "export.json");
    const cleanup = () => rm(dir, { recursive: true, force: true });
    const write = async () => {
      const out = createWriteStream(path);
      try {
        await writeExport(ctx.store, site, out);
      } finally {
        out.end();
        await finished(out).catch(() => {});
      }
    };
    try {
      await queue(write);
    } catch (err) {
      await cleanup();
      throw err;
    }
    return c.body(fileBody(path, cleanup), 200, headers);
  });
  return app;
}
