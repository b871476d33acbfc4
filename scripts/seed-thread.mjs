// Threads of thousands of comments for the end-to-end tests and the benchmarks, written
// straight into the built server's SQLite file through the store's import (what
// `causette import` uses): posting 10,000 replies one by one through the API takes minutes.
import { join } from "node:path";
import { ROOT } from "./built-server.mjs";

const START = Date.UTC(2025, 0, 1);

/**
 * `count` approved comments on `page`, ids `prefix0`, `prefix1`…, a minute apart from
 * minute `start`. `shape` "chain": each replies to the one before (a chain `count` deep);
 * "flat": every one after the first replies to the first; "roots": none replies.
 * @param {string} page
 * @param {string} prefix
 * @param {number} count
 * @param {"chain" | "flat" | "roots"} shape
 * @param {number} [start]
 */
export function thread(page, prefix, count, shape, start = 0) {
  const words = "Thank you for this post, I read it twice and it made me rethink how I organise my week.";
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i}`,
    site: "default",
    page,
    parentId: shape === "roots" || i === 0 ? null : shape === "chain" ? `${prefix}${i - 1}` : `${prefix}0`,
    authorName: `${prefix} ${i}`,
    body: `${words} (#${i})`,
    html: `<p>${words} (#${i})</p>`,
    createdAt: new Date(START + (start + i) * 60_000).toISOString(),
  }));
}

/**
 * Writes `comments` (parents before replies) into the SQLite file `dbPath`; a server running
 * on it shows them at its next read (the import bumps the pages' versions).
 * @param {string} dbPath
 * @param {object[]} comments
 */
export async function importComments(dbPath, comments) {
  const { openStore } = await import(join(ROOT, "packages/server/dist/store/open.js"));
  const { importBatch } = await import(join(ROOT, "packages/server/dist/comments/normalise.js"));
  const store = await openStore({ dbPath });
  try {
    await importBatch(store, { comments });
    await store.finishImport();
  } finally {
    await store.close();
  }
}
