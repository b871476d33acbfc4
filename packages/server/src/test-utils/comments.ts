/** Comments for the store's tests, as `store.createComment` takes them. */
import type { CommentInput } from "../store/types.js";

let seq = 0;

/**
 * An approved root comment by Ana on /post/ with every field set; each call gets a new id,
 * body and date (a second after the last one). `overrides` win.
 *
 * @example
 * await store.createComment(newComment({ page: "/b/", status: "pending" }));
 */
export function newComment(overrides: Partial<CommentInput> = {}): CommentInput {
  seq++;
  return {
    id: `c${seq}_${Math.random().toString(36).slice(2, 8)}`,
    site: "default",
    page: "/post/",
    parentId: null,
    authorName: "Ana",
    authorEmail: null,
    authorWebsite: null,
    avatar: "0123456789abcdef0123456789abcdef",
    isModerator: false,
    body: `hello ${seq}`,
    html: `<p>hello ${seq}</p>`,
    status: "approved",
    reasons: [],
    editTokenHash: null,
    ipHash: null,
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, seq)).toISOString(),
    ...overrides,
  };
}
