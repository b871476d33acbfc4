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
  let kept = records.filter(isReachable);
  for (let changed = true; changed; ) {
    const withChildren = new Set(kept.map((r) => r.parentId).filter((p): p is string => p !== null));
    const next = kept.filter((r) => r.status !== "deleted" || withChildren.has(r.id));
    changed = next.length !== kept.length;
    kept = next;
  }
  return kept;
}
