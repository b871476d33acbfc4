/**
 * Reads a file written by `causette export` (export/json.ts) one record at a time, each
 * checked, with the line it comes from. The line layout is read line by line (bounded
 * memory); a reformatted file is read whole, up to WHOLE_FILE_MAX.
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { ADMIN_COMMENT_STATUSES } from "@causette/types";
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportAlias,
  type ExportComment,
  type ExportPage,
  type ExportShare,
  type ExportVote,
} from "../export/json.js";
import { ImportError } from "./xml.js";

/** A file not in the line layout is parsed whole, up to this size. */
const WHOLE_FILE_MAX = 64 << 20;

type Section = "pages" | "comments" | "votes" | "shares" | "aliases";
export type Event =
  | { kind: "header"; site: string }
  | { kind: "pages"; row: ExportPage }
  | { kind: "comments"; row: ExportComment }
  | { kind: "votes"; row: ExportVote }
  | { kind: "shares"; row: ExportShare }
  | { kind: "aliases"; row: ExportAlias };

const SECTIONS: readonly Section[] = ["pages", "comments", "votes", "shares", "aliases"];
/** Sections every export has; `aliases` is written only when a site has some. */
const REQUIRED = 4;

function check(ok: boolean, what: string): void {
  if (!ok) throw new TypeError(what);
}
const str = (v: unknown) => typeof v === "string";
const strOrNull = (v: unknown) => v === null || typeof v === "string";

function validate(section: Section, row: unknown): Event {
  check(typeof row === "object" && row !== null && !Array.isArray(row), "a record must be an object");
  const r = row as Record<string, unknown>;
  if (section === "pages") {
    check(str(r.path) && (r.path as string).startsWith("/"), '"path" must be a path starting with /');
    check(strOrNull(r.title) && strOrNull(r.url), '"title" and "url" must be strings or null');
    check(typeof r.locked === "boolean", '"locked" must be true or false');
    check(
      str(r.createdAt) && strOrNull(r.source) && strOrNull(r.sourceId),
      "bad createdAt, source or sourceId",
    );
  } else if (section === "comments") {
    check(str(r.id) && (r.id as string).length > 0, '"id" must be a non-empty string');
    check(str(r.page) && strOrNull(r.parentId), '"page" must be a string, "parentId" a string or null');
    check(str(r.authorName) && strOrNull(r.authorEmail) && strOrNull(r.authorWebsite), "bad author fields");
    check(str(r.avatar) && typeof r.isModerator === "boolean", "bad avatar or isModerator");
    check(str(r.body) && str(r.html), '"body" and "html" must be strings');
    check(
      (ADMIN_COMMENT_STATUSES as readonly unknown[]).includes(r.status),
      `unknown status ${String(r.status)}`,
    );
    check(
      Array.isArray(r.reasons) && (r.reasons as unknown[]).every(str),
      '"reasons" must be a list of strings',
    );
    check(Number.isInteger(r.score), '"score" must be an integer');
    check(str(r.createdAt) && strOrNull(r.editedAt), "bad createdAt or editedAt");
    check(strOrNull(r.source) && strOrNull(r.sourceId), "bad source or sourceId");
    check(
      r.anchor === undefined || (typeof r.anchor === "object" && !Array.isArray(r.anchor)),
      '"anchor" must be an object when present',
    );
  } else if (section === "votes") {
    check(str(r.commentId) && str(r.voter) && str(r.createdAt), "bad commentId, voter or createdAt");
    check(r.value === 1 || r.value === -1, '"value" must be 1 or -1');
  } else if (section === "aliases") {
    check(
      str(r.path) && str(r.target) && str(r.createdAt),
      '"path", "target" and "createdAt" must be strings',
    );
  } else {
    check(str(r.page) && str(r.network), '"page" and "network" must be strings');
    check(Number.isInteger(r.count) && (r.count as number) >= 0, '"count" must be a whole number');
  }
  return { kind: section, row } as Event;
}

function header(value: unknown): Event {
  const h = value as Record<string, unknown> | null;
  check(h?.format === EXPORT_FORMAT, `not a Causette export (no "format": "${EXPORT_FORMAT}")`);
  check(
    h?.version === EXPORT_VERSION,
    `export version ${String(h?.version)} is not supported (this is version ${EXPORT_VERSION})`,
  );
  check(str(h?.site), '"site" must be a string');
  return { kind: "header", site: h!.site as string };
}

/** Events with the line they come from; the line layout first, a whole parse as fallback. */
export async function* readExport(file: string): AsyncGenerator<[Event, number]> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new ImportError(`${file}: no such file`);
  }
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let n = 0;
  let section: Section | null = null;
  let next = 0;
  let ended = false;
  let layout = true;
  const fail = (message: string) => new ImportError(`${file}:${n}: ${message}`, n);
  try {
    for await (const raw of lines) {
      n++;
      const line = raw.trim();
      if (!line) continue;
      if (ended) throw fail("text after the end of the export");
      if (n === 1) {
        if (!line.endsWith(",") || !line.startsWith("{")) {
          layout = false;
          break;
        }
        let value: unknown;
        try {
          value = JSON.parse(`${line.slice(0, -1)}}`);
        } catch {
          layout = false;
          break;
        }
        yield [header(value), n];
        continue;
      }
      if (section === null) {
        const expected = SECTIONS[next];
        if (line !== `"${expected}":[`) throw fail(`expected "${expected}":[`);
        section = expected!;
        next++;
        continue;
      }
      if (line === "]," || line === "]}") {
        if (line === "]}" ? next < REQUIRED : next === SECTIONS.length) throw fail(`unexpected ${line}`);
        ended = line === "]}";
        section = null;
        continue;
      }
      let row: unknown;
      try {
        row = JSON.parse(line.endsWith(",") ? line.slice(0, -1) : line);
      } catch (err) {
        throw fail(`not valid JSON: ${(err as Error).message}`);
      }
      yield [validate(section, row), n];
    }
  } catch (err) {
    if (err instanceof TypeError) throw fail(err.message);
    throw err;
  } finally {
    lines.close();
  }
  if (layout) {
    if (!ended) throw fail("the export ends early (no closing ]})");
    return;
  }
  // Someone reformatted the file (jq, an editor): read it whole if that is reasonable.
  if (size > WHOLE_FILE_MAX) {
    throw new ImportError(
      `${file}: not in the layout \`causette export\` writes, and too large to read whole`,
    );
  }
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  } catch (err) {
    throw new ImportError(`${file}: not valid JSON: ${(err as Error).message}`);
  }
  try {
    yield [header(doc), 0];
    for (const s of SECTIONS) {
      const rows = doc?.[s];
      if (rows === undefined && SECTIONS.indexOf(s) >= REQUIRED) continue;
      check(Array.isArray(rows), `"${s}" must be a list`);
      for (const row of rows as unknown[]) yield [validate(s, row), 0];
    }
  } catch (err) {
    if (err instanceof TypeError) throw new ImportError(`${file}: ${err.message}`);
    throw err;
  }
}
