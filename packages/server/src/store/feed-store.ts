/**
 * @module store/feed-store
 * The rows of the Atom feeds (feeds/atom.ts): a page's or a site's latest approved comments,
 * newest first, as the public thread shows them — an approved reply under a held or spam
 * comment (at any depth) is left out until its ancestor is published.
 */
import { type Kysely, sql } from "kysely";
import { toComment } from "./rows.js";
import type { Database } from "./schema.js";
import type { CommentRecord } from "./types.js";

export async function recentApproved(
  db: Kysely<Database>,
  site: string,
  page: string | null,
  limit: number,
): Promise<CommentRecord[]> {
  const shown: CommentRecord[] = [];
  let before: { at: string; id: string } | null = null;
  // Nearly every approved comment is visible: one round, rarely two.
  for (let round = 0; round < 20 && shown.length < limit; round++) {
    let q = db.selectFrom("comments").selectAll().where("site", "=", site).where("status", "=", "approved");
    if (page !== null) q = q.where("page", "=", page);
    if (before) {
      const b = before;
      q = q.where((eb) =>
        eb.or([eb("created_at", "<", b.at), eb.and([eb("created_at", "=", b.at), eb("id", "<", b.id)])]),
      );
    }
    const rows = await q
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(limit + 10)
      .execute();
    if (!rows.length) break;
    const hidden = await underHidden(
      db,
      rows.filter((r) => r.parent_id !== null).map((r) => r.id),
    );
    for (const row of rows) if (!hidden.has(row.id) && shown.length < limit) shown.push(toComment(row));
    const last = rows.at(-1)!;
    before = { at: last.created_at, id: last.id };
    if (rows.length < limit + 10) break;
  }
  return shown;
}

/** Of these replies, the ids that have a pending or spam comment above them. */
async function underHidden(db: Kysely<Database>, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  // Walks up from each reply, one parent per step, and stops at the first hidden ancestor.
  const result = await sql<{ start: string }>`
    WITH RECURSIVE up (start, id) AS (
      SELECT c.id, c.parent_id FROM comments c WHERE c.id IN (${sql.join(ids)}) AND c.parent_id IS NOT NULL
      UNION ALL
      SELECT up.start, c.parent_id FROM up JOIN comments c ON c.id = up.id
      WHERE c.parent_id IS NOT NULL AND c.status NOT IN ('pending', 'spam')
    )
    SELECT DISTINCT up.start AS start FROM up JOIN comments c ON c.id = up.id
    WHERE c.status IN ('pending', 'spam')`.execute(db);
  return new Set(result.rows.map((r) => r.start));
}
