/**
 * `causette import wordpress|disqus|json FILE` and `causette export`, as commands of the
 * CLI's table (src/cli.ts): flags as API.md (`--site`, `--db`, `--database-url`, with
 * `CAUSETTE_DB` and `DATABASE_URL` as fallbacks); the database is created and migrated
 * when missing.
 */
import { DEFAULTS } from "@causette/types";
import { type Command, DB_OPTIONS, DB_USAGE, parse, storeOptions, UsageError } from "../cli/args.js";
import { writeExport } from "../export/json.js";
import { openStore } from "../store/open.js";
import { importFile } from "./file.js";
import { terminalProgress } from "./progress.js";
import { ImportError } from "./xml.js";

const IMPORT_OPTIONS = {
  ...DB_OPTIONS,
  site: { type: "string" },
  pingbacks: { type: "boolean" },
  "page-id-param": { type: "string" },
  json: { type: "boolean" },
} as const;

/**
 * @example causette import wordpress ./wordpress-export.xml --site blog
 */
export const importCommand: Command = {
  summary: "import comments from WordPress, Disqus or a Causette export",
  usage: `Usage: causette import wordpress|disqus|json FILE [options]

Imports comments into the database, creating it when needed. The whole file is checked
first: on malformed XML nothing is imported. Importing the same file again adds nothing.

  wordpress FILE       a WordPress export (Tools → Export → All content), WXR 1.0–1.2
  disqus FILE          a Disqus export (Admin → Moderation → Export), unzipped
  json FILE            a file written by \`causette export\`

  --site NAME          the site to import into (default "${DEFAULTS.site}"; for json, the
                       site named in the file)
  --pingbacks          WordPress: import pingbacks and trackbacks too
  --page-id-param P    WordPress: posts told apart by these query parameters (plain
                       permalinks: p,page_id) get ids like /?p=123, as the script tag's
                       data-page-id-param derives them
  --json               print the report as JSON
${DB_USAGE}

Docs: docs/import.md`,
  async run(argv) {
    const { values, positionals } = parse(argv, IMPORT_OPTIONS, true);
    if (values.help) {
      console.log(this.usage);
      return 0;
    }
    const [format, file, extra] = positionals;
    if (format !== "wordpress" && format !== "disqus" && format !== "json")
      throw new UsageError(
        format ? `unknown format "${format}".` : "which format: wordpress, disqus or json?",
      );
    if (!file) throw new UsageError(`which file? e.g. causette import ${format} export.xml`);
    if (extra !== undefined) throw new UsageError(`one file at a time ("${extra}" is one too many).`);
    if (values.site !== undefined && !values.site.trim()) throw new UsageError("--site needs a name.");
    if (values["page-id-param"] !== undefined && !/^[^,\s]+(,[^,\s]+)*$/.test(values["page-id-param"]))
      throw new UsageError("--page-id-param takes query parameter names, comma-separated: e.g. p,page_id.");

    const store = await openStore(storeOptions(values));
    try {
      const report = await importFile(format, {
        file,
        store,
        site: values.site ?? null,
        pingbacks: values.pingbacks ?? false,
        pageIdParam: values["page-id-param"],
        progress: values.json ? null : terminalProgress(),
      });
      console.log(values.json ? JSON.stringify(report) : report.format(file));
      return 0;
    } catch (err) {
      if (err instanceof ImportError) {
        console.error(`causette import: ${err.message}\nNothing was imported.`);
        return 1;
      }
      throw err;
    } finally {
      await store.close();
    }
  },
};

/**
 * @example causette export --site blog > blog.json
 */
export const exportCommand: Command = {
  summary: "write every comment of a site as JSON to stdout",
  usage: `Usage: causette export [--site NAME] [--db FILE | --database-url URL] > export.json

Writes the site's pages, comments (with their raw text and HTML), votes and share counts as
versioned JSON; \`causette import json\` reads it back exactly.

  --site NAME          the site to export (default "${DEFAULTS.site}")
${DB_USAGE}

Docs: docs/import.md`,
  async run(argv) {
    const { values } = parse(argv, { ...DB_OPTIONS, site: { type: "string" } });
    if (values.help) {
      console.log(this.usage);
      return 0;
    }
    const store = await openStore(storeOptions(values));
    // `causette export | head`: the reader went away, which is not an error.
    process.stdout.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(0);
      throw err;
    });
    try {
      await writeExport(store, values.site ?? DEFAULTS.site, process.stdout);
      return 0;
    } finally {
      await store.close();
    }
  },
};
