/**
 * `GET /api/admin/export[?site=…]`: the site's `causette export`, as a download from the
 * admin page. The JSON is streamed as the store reads it (a chunk of rows at a time), so a
 * large site costs the server no more memory than a small one.
 */
import { PassThrough, Readable } from "node:stream";
import { Hono } from "hono";
import type { AppContext } from "../context.js";
import { writeExport } from "../export/json.js";
import * as v from "../validate.js";

/** `causette-<site>-<YYYY-MM-DD>.json`, with what a file name cannot hold replaced. */
export function exportFileName(site: string, now = new Date()): string {
  return `causette-${site.replace(/[^\w.-]+/g, "_")}-${now.toISOString().slice(0, 10)}.json`;
}

/**
 * @example
 * curl -b "causette_admin=…" -o backup.json "http://localhost:8080/api/admin/export?site=blog"
 */
export function adminExportRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.get("/", (c) => {
    const site = v.site(c.req.query("site") || undefined);
    const out = new PassThrough();
    // Once the first bytes are sent the status cannot change: a failure midway cuts the
    // download short (the client sees an incomplete transfer, and the JSON does not parse)
    // rather than ending it as if it were whole.
    writeExport(ctx.store, site, out).then(
      () => out.end(),
      (err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))),
    );
    return c.body(Readable.toWeb(out) as ReadableStream, 200, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(site)}"`,
    });
  });
  return app;
}
