/**
 * One import of a file, whatever its format: what `causette import` and the admin page's
 * upload (`POST /api/admin/import`) both run.
 */
import { DEFAULTS } from "@causette/types";
import { sanitizeImportedHtml } from "../render/markdown.js";
import type { Store } from "../store/types.js";
import { importJson } from "./json.js";
import type { Progress } from "./progress.js";
import type { ImportReport } from "./report.js";
import { importXml } from "./run.js";

export interface ImportFileOptions {
  file: string;
  store: Store;
  /** The site to import into; for json, null keeps the site named in the file. */
  site: string | null;
  /** WordPress: pingbacks and trackbacks too. */
  pingbacks: boolean;
  /** WordPress: page ids from these query parameters (`"p,page_id"`), as the widget's `data-page-id-param`. */
  pageIdParam?: string;
  progress: Progress | null;
}

/** Imports `file` as a WordPress, Disqus or Causette (json) export, through the server's sanitizer. */
export function importFile(
  format: "wordpress" | "disqus" | "json",
  { site, pingbacks, pageIdParam, ...rest }: ImportFileOptions,
): Promise<ImportReport> {
  const common = { ...rest, sanitize: sanitizeImportedHtml };
  return format === "json"
    ? importJson({ ...common, site })
    : importXml(format, { ...common, site: site ?? DEFAULTS.site, pingbacks, pageIdParam });
}
