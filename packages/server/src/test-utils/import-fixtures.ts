/** Shared by the importer's tests: fixture paths and a one-call import into a real store. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { Writable } from "node:stream";
import { writeExport } from "../export/json.js";
import { importXml } from "../import/run.js";
import { sanitizeImportedHtml } from "../render/markdown.js";
import type { CommentRecord, Store } from "../store/types.js";

const ROOT = resolve(import.meta.dirname, "../../../..");
export const FIXTURES = resolve(ROOT, "packages/server/test/fixtures/import");
/** Real-world exports kept beside the repository (../shared); tests using them skip without. */
export const SHARED = resolve(ROOT, "../shared/fixtures/import");
export const HAS_SHARED = existsSync(SHARED);
if (!HAS_SHARED) console.log(`[import] ${SHARED} is absent: skipping the real-world fixture tests`);

export const fixture = (name: string) => resolve(FIXTURES, name);
export const shared = (name: string) => resolve(SHARED, name);

export function importFile(store: Store, format: "wordpress" | "disqus", file: string, pingbacks = false) {
  return importXml(format, { file, store, site: "default", sanitize: sanitizeImportedHtml, pingbacks });
}

/** Every comment of the default site, by source id without its blog's namespace (`carnet.example#101` → `101`). */
export async function commentsBySource(store: Store): Promise<Map<string, CommentRecord>> {
  const { comments } = await store.exportAll("default");
  return new Map(comments.map((c) => [c.sourceId?.replace(/^[^#]*#/, "") ?? c.id, c]));
}

export async function exportText(store: Store, site = "default", chunk?: number): Promise<string> {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  await writeExport(store, site, out, chunk);
  return chunks.join("");
}
