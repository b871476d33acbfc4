/**
 * `causette import wordpress|disqus|json FILE` and `causette export`, as the CLI's command
 * table calls them: flags as API.md (`--site`, `--db`, `--database-url`, with
 * `CAUSETTE_DB` and `DATABASE_URL` as fallbacks); the database is created and migrated
 * when missing. Each returns the process exit code.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { DEFAULTS, ENV } from "@causette/types";
import { writeExport } from "../export/json.js";
import { sanitizeCommentHtml } from "../render/markdown.js";
import { openStore } from "../store/open.js";
import type { Store } from "../store/types.js";
import { importJson } from "./json.js";
import { terminalProgress } from "./progress.js";
import type { ImportReport } from "./report.js";
import { importXml } from "./run.js";
import { ImportError } from "./xml.js";

const IMPORT_USAGE = `usage: causette import wordpress|disqus|json FILE [--site NAME] [--db FILE | --database-url URL]
                       [--pingbacks] [--json]`;
const EXPORT_USAGE = "usage: causette export [--site NAME] [--db FILE | --database-url URL] > export.json";

const common = {
  site: { type: "string" },
  db: { type: "string" },
  "database-url": { type: "string" },
} as const;

type Env = Record<string, string | undefined>;

async function open(values: { db?: string; "database-url"?: string }, env: Env): Promise<Store> {
  const databaseUrl = values["database-url"] ?? env[ENV.databaseUrl] ?? "";
  return openStore({
    databaseUrl: databaseUrl || null,
    dbPath: values.db ?? env[ENV.db] ?? DEFAULTS.db,
    poolSize: 2,
  });
}

function parse(argv: string[], options: NonNullable<ParseArgsConfig["options"]>, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return null;
  }
}

/**
 * @example await importCommand(["wordpress", "site.xml", "--site", "blog"]) // 0
 */
export async function importCommand(argv: string[], env: Env = process.env): Promise<number> {
  const args = parse(
    argv,
    { ...common, pingbacks: { type: "boolean" }, json: { type: "boolean" } },
    IMPORT_USAGE,
  );
  if (!args) return 2;
  const [format, file, extra] = args.positionals;
  if ((format !== "wordpress" && format !== "disqus" && format !== "json") || !file || extra !== undefined) {
    console.error(IMPORT_USAGE);
    return 2;
  }
  const values = args.values as {
    site?: string;
    db?: string;
    "database-url"?: string;
    pingbacks?: boolean;
    json?: boolean;
  };
  let store: Store | null = null;
  try {
    store = await open(values, env);
    const progress = values.json ? null : terminalProgress();
    const common = { file, store, sanitize: sanitizeCommentHtml, progress };
    let report: ImportReport;
    if (format === "json") report = await importJson({ ...common, site: values.site ?? null });
    else
      report = await importXml(format, {
        ...common,
        site: values.site ?? DEFAULTS.site,
        pingbacks: values.pingbacks ?? false,
      });
    console.log(values.json ? JSON.stringify(report) : report.format(file));
    return 0;
  } catch (err) {
    if (err instanceof ImportError) {
      console.error(`${err.message}\nNothing was imported.`);
      return 1;
    }
    throw err;
  } finally {
    await store?.close();
  }
}

/**
 * @example await exportCommand(["--site", "blog"]) // writes JSON to stdout, returns 0
 */
export async function exportCommand(argv: string[], env: Env = process.env): Promise<number> {
  const args = parse(argv, common, EXPORT_USAGE);
  if (!args) return 2;
  if (args.positionals.length) {
    console.error(EXPORT_USAGE);
    return 2;
  }
  const values = args.values as { site?: string; db?: string; "database-url"?: string };
  const store = await open(values, env);
  try {
    await writeExport(store, values.site ?? DEFAULTS.site, process.stdout);
    return 0;
  } finally {
    await store.close();
  }
}
