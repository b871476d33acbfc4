/**
 * Puts the comments of one page in an order the store can insert (every parent before its
 * replies) and applies the thread rules: a reply whose parent is not in the file becomes a
 * top-level comment; a comment that is never shown (spam, trash, deleted) but has replies
 * that are becomes a deleted placeholder, so the replies keep their place; one without such
 * replies is kept as spam (for the moderator) or skipped. Runs on one page at a time, so
 * memory is bounded by the largest page, not the file.
 */
import type { ImportStatus, ParsedComment } from "./model.js";
import type { ImportReport } from "./report.js";

export interface OrderedComment extends ParsedComment {
  status: ImportStatus;
}

const shown = (c: ParsedComment) => c.status === "approved" || c.status === "pending";

/**
 * @example
 * orderThread([reply, root], report) // [root, reply]: parents first, then by date
 */
export function orderThread(comments: readonly ParsedComment[], report: ImportReport): OrderedComment[] {
  const byId = new Map<string, ParsedComment>();
  for (const c of comments) {
    if (byId.has(c.sourceId)) {
      report.skip("duplicate_in_file");
      report.warn(c.line, `comment ${c.sourceId} appears twice on this page; the second one is skipped`);
      continue;
    }
    byId.set(c.sourceId, c);
  }

  const parentOf = new Map<string, string | null>();
  const children = new Map<string | null, ParsedComment[]>();
  const addChild = (parent: string | null, c: ParsedComment) => {
    const list = children.get(parent);
    if (list) list.push(c);
    else children.set(parent, [c]);
  };
  for (const c of byId.values()) {
    let parent = c.parentSourceId;
    if (parent !== null && (parent === c.sourceId || !byId.has(parent))) {
      report.warn(
        c.line,
        `comment ${c.sourceId}: its parent ${parent} is not in the file; imported as a top-level comment`,
      );
      parent = null;
    }
    parentOf.set(c.sourceId, parent);
    addChild(parent, c);
  }

  const byDate = (a: ParsedComment, b: ParsedComment) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.line - b.line;
  for (const list of children.values()) list.sort(byDate);

  // Depth-first, iteratively (threads can be thousands deep): parents come before replies.
  const order: ParsedComment[] = [];
  const seen = new Set<string>();
  const walk = (start: ParsedComment) => {
    const stack = [start];
    while (stack.length) {
      const c = stack.pop()!;
      if (seen.has(c.sourceId)) continue;
      seen.add(c.sourceId);
      order.push(c);
      const kids = children.get(c.sourceId);
      if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  };
  for (const root of children.get(null) ?? []) walk(root);
  // Whatever is left hangs on a cycle (a is b's parent and b is a's): cut it at its oldest.
  if (seen.size < byId.size) {
    for (const c of [...byId.values()].sort(byDate)) {
      if (seen.has(c.sourceId)) continue;
      report.warn(
        c.line,
        `comment ${c.sourceId}: its replies loop back to it; imported as a top-level comment`,
      );
      parentOf.set(c.sourceId, null);
      walk(c);
    }
  }

  // Which comments have a reply that readers will see, at any depth (children come after
  // parents in `order`, so one backward pass settles it).
  const visibleBelow = new Set<string>();
  for (let i = order.length - 1; i >= 0; i--) {
    const c = order[i]!;
    const parent = parentOf.get(c.sourceId);
    if (parent != null && (shown(c) || visibleBelow.has(c.sourceId))) visibleBelow.add(parent);
  }

  // A skipped comment's kept replies hang on its nearest kept ancestor.
  const keptParent = new Map<string, string | null>();
  const out: OrderedComment[] = [];
  for (const c of order) {
    const parent = parentOf.get(c.sourceId) ?? null;
    const effective = parent === null ? null : keptParent.has(parent) ? keptParent.get(parent)! : parent;
    let status: ImportStatus;
    if (shown(c)) status = c.status as ImportStatus;
    else if (visibleBelow.has(c.sourceId)) status = "deleted";
    else if (c.status === "spam") status = "spam";
    else {
      report.skip(c.status === "trash" ? "trash_without_replies" : "deleted_without_replies");
      keptParent.set(c.sourceId, effective);
      continue;
    }
    const placeholder = status === "deleted";
    out.push({
      ...c,
      parentSourceId: effective,
      status,
      body: placeholder ? "" : c.body,
    });
  }
  return out;
}
