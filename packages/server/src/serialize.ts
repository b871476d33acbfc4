/** Stored records to wire objects. The only place a `Comment` is built from a record. */
import type { AdminComment, Comment } from "@causette/types";
import type { CommentRecord } from "./store/types.js";

/**
 * The public view: no e-mail, no token, no address; a deleted comment keeps only its place
 * in the thread; spam shows as pending (only its author, from the POST response, sees it).
 */
export function toPublicComment(r: CommentRecord): Comment {
  const deleted = r.status === "deleted";
  return {
    id: r.id,
    parentId: r.parentId,
    page: r.page,
    author: {
      name: deleted ? "" : r.authorName,
      website: deleted ? null : r.authorWebsite,
      avatar: deleted ? "" : r.avatar,
      isModerator: deleted ? false : r.isModerator,
    },
    html: deleted ? "" : r.html,
    createdAt: r.createdAt,
    editedAt: r.editedAt,
    status: r.status === "spam" ? "pending" : r.status,
    score: r.score,
    // A deleted comment keeps its place, not its passage.
    ...(r.anchor && !deleted ? { anchor: r.anchor } : {}),
  };
}

/** The admin view (sent to a logged-in admin only): with e-mail, reasons and raw body. */
export function toAdminComment(r: CommentRecord): AdminComment {
  return {
    ...toPublicComment(r),
    author: { name: r.authorName, website: r.authorWebsite, avatar: r.avatar, isModerator: r.isModerator },
    html: r.html,
    status: r.status,
    email: r.authorEmail,
    reasons: r.reasons,
    body: r.body,
    site: r.site,
    ...(r.anchor ? { anchor: r.anchor } : {}),
  };
}

/**
 * Drops what a public thread must not show: replies whose parent is hidden (pending or
 * spam), and deleted placeholders that no longer have a visible reply under them.
 */
export function visibleThread(records: CommentRecord[]): CommentRecord[] {
  const ids = new Set(records.map((r) => r.id));
  const byId = new Map(records.map((r) => [r.id, r]));
  const reachable = new Map<string, boolean>();
  const isReachable = (start: CommentRecord): boolean => {
    const chain: CommentRecord[] = [];
    let node: CommentRecord | undefined = start;
    let ok = true;
    while (node) {
      const known = reachable.get(node.id);
      if (known !== undefined) {
        ok = known;
        break;
      }
      chain.push(node);
      if (!node.parentId) break;
      if (!ids.has(node.parentId)) {
        ok = false;
        break;
      }
      node = byId.get(node.parentId);
    }
    for (const n of chain) reachable.set(n.id, ok);
    return ok;
  };
  const kept = records.filter(isReachable);
  // A placeholder stays when a comment that is not deleted hangs below it, at any depth. Each
  // such comment marks its ancestors up to the first one already marked, so every comment is
  // marked at most once: one pass, however long the chain (a 10,000-deep deleted chain was
  // 10,000 passes over the whole thread, one leaf removed per pass).
  const aboveVisible = new Set<string>();
  for (const r of kept) {
    if (r.status === "deleted") continue;
    for (let up = r.parentId; up !== null && !aboveVisible.has(up); up = byId.get(up)!.parentId)
      aboveVisible.add(up);
  }
  return kept.filter((r) => r.status !== "deleted" || aboveVisible.has(r.id));
}
