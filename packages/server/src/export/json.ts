/**
 * @module export/json
 * `causette export`: one site as versioned JSON (docs/import.md). The layout is fixed, one
 * record per line, in a stable order, so that `import json` can read it back line by line
 * with bounded memory and export → import → export gives the same bytes.
 *
 * ```
 * {"format":"causette","version":1,"site":"default",
 * "pages":[
 * {"path":"/a/",…},
 * {"path":"/b/",…}
 * ],
 * "comments":[
 * …
 * ],
 * "votes":[
 * ],
 * "shares":[
 * ]}
 * ```
 */
import type { Writable } from "node:stream";
import type { CommentRecord, ExportData, PageRecord, Store } from "../store/types.js";

export const EXPORT_FORMAT = "causette";
export const EXPORT_VERSION = 1;

/** The fields of a page in the export, in their order. */
export function pageJson(p: PageRecord) {
  return {
    path: p.path,
    title: p.title,
    url: p.url,
    locked: p.locked,
    createdAt: p.createdAt,
    source: p.source,
    sourceId: p.sourceId,
  };
}

/** The fields of a comment in the export, in their order (no edit token, no IP hash). */
export function commentJson(c: CommentRecord) {
  return {
    id: c.id,
    page: c.page,
    parentId: c.parentId,
    authorName: c.authorName,
    authorEmail: c.authorEmail,
    authorWebsite: c.authorWebsite,
    avatar: c.avatar,
    isModerator: c.isModerator,
    body: c.body,
    html: c.html,
    status: c.status,
    reasons: c.reasons,
    score: c.score,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    source: c.source,
    sourceId: c.sourceId,
  };
}

export type ExportPage = ReturnType<typeof pageJson>;
export type ExportComment = ReturnType<typeof commentJson>;
export type ExportVote = ExportData["votes"][number];
export interface ExportShare {
  page: string;
  network: string;
  count: number;
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resolve) => out.once("drain", resolve));
}

async function section(out: Writable, name: string, rows: readonly unknown[], last: boolean): Promise<void> {
  await write(out, `"${name}":[\n`);
  for (let i = 0; i < rows.length; i++) {
    await write(out, `${JSON.stringify(rows[i])}${i < rows.length - 1 ? "," : ""}\n`);
  }
  await write(out, last ? "]}\n" : "],\n");
}

/**
 * Writes every page, comment, vote and share count of `site` to `out`.
 *
 * @example
 * await writeExport(store, "default", process.stdout);
 */
export async function writeExport(store: Store, site: string, out: Writable): Promise<void> {
  const data = await store.exportAll(site);
  await write(
    out,
    `${JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, site }).slice(0, -1)},\n`,
  );
  await section(out, "pages", data.pages.map(pageJson), false);
  await section(out, "comments", data.comments.map(commentJson), false);
  await section(
    out,
    "votes",
    data.votes.map((v) => ({
      commentId: v.commentId,
      voter: v.voter,
      value: v.value,
      createdAt: v.createdAt,
    })),
    false,
  );
  await section(
    out,
    "shares",
    data.shares.map((s): ExportShare => ({ page: s.page, network: s.network, count: s.count })),
    true,
  );
}
