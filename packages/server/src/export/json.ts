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
 * ],
 * "aliases":[
 * ]}
 * ```
 * `aliases` (page moves) is written only when the site has some, so that the files of sites
 * without any read the same in a Causette that predates them.
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
    // Only when there is one: the lines of comments without a passage read as they did before.
    ...(c.anchor ? { anchor: c.anchor } : {}),
  };
}

export type ExportPage = ReturnType<typeof pageJson>;
export type ExportComment = ReturnType<typeof commentJson>;
export type ExportVote = ExportData["votes"][number];
export type ExportAlias = ExportData["aliases"][number];
export interface ExportShare {
  page: string;
  network: string;
  count: number;
}

/**
 * Writes `text`, waiting for `out` to drain when its buffer is full. Rejects once `out` is
 * closed (a download cancelled midway): the export then ends, and its read transaction with it.
 */
async function write(out: Writable, text: string): Promise<void> {
  if (out.destroyed) throw new Error("The export's output was closed before the export ended.");
  if (out.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const settle = (err?: Error) => {
      out.off("drain", drained);
      out.off("close", closed);
      if (err) reject(err);
      else resolve();
    };
    const drained = () => settle();
    const closed = () => settle(new Error("The export's output was closed before the export ended."));
    out.once("drain", drained);
    out.once("close", closed);
  });
}

/**
 * Writes every page, comment, vote and share count of `site` to `out`, as the store hands
 * them out: `chunk` rows at a time (store.exportSite), never the whole site in memory.
 *
 * @example
 * await writeExport(store, "default", process.stdout);
 */
export async function writeExport(store: Store, site: string, out: Writable, chunk?: number): Promise<void> {
  await write(
    out,
    `${JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, site }).slice(0, -1)},\n`,
  );
  // The store hands out each section in order, in chunks (each at least once): a section's
  // lines are joined by commas, and the next section's name closes it.
  let open: string | null = null;
  let first = true;
  await store.exportSite(
    site,
    async (section, rows) => {
      if (section === "aliases" && open !== section && !rows.length) return;
      if (section !== open) {
        const close = open === null ? "" : `${first ? "" : "\n"}],\n`;
        await write(out, `${close}"${section}":[\n`);
        open = section;
        first = true;
      }
      const json = (rows as readonly unknown[]).map((row) => JSON.stringify(exportRow(section, row)));
      if (!json.length) return;
      await write(out, `${first ? "" : ",\n"}${json.join(",\n")}`);
      first = false;
    },
    chunk,
  );
  await write(out, `${first ? "" : "\n"}]}\n`);
}

/** A row as the format writes it: the fields it exports, in their order. */
function exportRow(section: keyof ExportData, row: unknown): unknown {
  switch (section) {
    case "pages":
      return pageJson(row as PageRecord);
    case "comments":
      return commentJson(row as CommentRecord);
    case "votes": {
      const v = row as ExportVote;
      return { commentId: v.commentId, voter: v.voter, value: v.value, createdAt: v.createdAt };
    }
    case "shares": {
      const s = row as ExportData["shares"][number];
      return { page: s.page, network: s.network, count: s.count } satisfies ExportShare;
    }
    case "aliases": {
      const a = row as ExportAlias;
      return { path: a.path, target: a.target, createdAt: a.createdAt } satisfies ExportAlias;
    }
  }
}
