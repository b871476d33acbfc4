/**
 * An in-memory stand-in for the Causette HTTP API, for component tests: it keeps the rules
 * of ../shared/API.md that the widget relies on (ids, parent links, pages of root threads
 * with their descendants, edit tokens, votes, 429 with a retry delay). The end-to-end tests
 * run the widget against the real server.
 */
import type { Comment, CreateCommentRequest, VoteValue } from "@causette/types";
import { type Api, Problem } from "../src/api/client.js";

/** What a test asks the next call to fail with. */
type Failure = { code: string; field?: string; retry?: number };

export interface ContractApi extends Api {
  comments: Comment[];
  /** The next call fails with this problem (once). */
  failNext: (p: Failure) => void;
  calls: string[];
  /** Every `create` body, as the widget sent it. */
  sent: CreateCommentRequest[];
}

/** `mail`: the thread says the server can send e-mail. */
export function contractApi(pageSize = 50, mail?: boolean): ContractApi {
  const comments: Comment[] = [];
  const tokens = new Map<string, string>();
  const votes = new Map<string, VoteValue>();
  let n = 0;
  let failure: Failure | null = null;
  const calls: string[] = [];
  const sent: CreateCommentRequest[] = [];
  const gate = async (name: string) => {
    calls.push(name);
    await Promise.resolve();
    if (failure) {
      const f = failure;
      failure = null;
      throw new Problem(f.code, f.field, f.retry);
    }
  };
  const find = (id: string) => {
    const c = comments.find((x) => x.id === id);
    if (!c) throw new Problem("comment_not_found");
    return c;
  };
  const check = (id: string, token: string) => {
    if (tokens.get(id) !== token) throw new Problem("bad_token");
  };
  return {
    comments,
    calls,
    sent,
    failNext: (p) => {
      failure = p;
    },
    async list(q) {
      await gate("list");
      const roots = comments.filter((c) => c.page === q.page && !c.parentId && c.status !== "pending");
      if (q.sort === "newest") roots.reverse();
      const start = q.cursor ? Number(q.cursor) : 0;
      const slice = roots.slice(start, start + pageSize);
      // Depth-first, with an explicit stack and an index of replies: chains can be 10,000 deep.
      const replies = new Map<string, Comment[]>();
      for (const c of comments)
        if (c.parentId && c.status !== "pending") {
          const list = replies.get(c.parentId);
          if (list) list.push(c);
          else replies.set(c.parentId, [c]);
        }
      const out: Comment[] = [];
      const stack = [...slice].reverse();
      while (stack.length) {
        const c = stack.pop()!;
        out.push(c);
        stack.push(...(replies.get(c.id) ?? []).slice().reverse());
      }
      return {
        page: {
          id: q.page,
          title: null,
          url: null,
          commentCount: comments.filter((c) => c.page === q.page && c.status === "approved").length,
          locked: false,
        },
        comments: out,
        nextCursor: start + pageSize < roots.length ? String(start + pageSize) : null,
        formToken: "t.1",
        mail,
      };
    },
    async create(body) {
      await gate("create");
      sent.push(body);
      const id = `c${++n}`;
      const comment: Comment = {
        id,
        parentId: body.parentId ?? null,
        page: body.page,
        author: {
          name: body.author.name,
          website: body.author.website ?? null,
          avatar: "a1b2c3d4e5f60718",
          isModerator: false,
        },
        html: `<p>${body.body.replace(/[<>&]/g, "")}</p>`,
        createdAt: new Date().toISOString(),
        editedAt: null,
        status: "approved",
        score: 0,
      };
      comments.push(comment);
      tokens.set(id, `tok-${id}`);
      return { comment, editToken: `tok-${id}` };
    },
    async edit(id, token, body) {
      await gate("edit");
      check(id, token);
      const c = find(id);
      Object.assign(c, { html: `<p>${body.replace(/[<>&]/g, "")}</p>`, editedAt: new Date().toISOString() });
      return { comment: { ...c } };
    },
    async remove(id, token) {
      await gate("remove");
      check(id, token);
      const c = find(id);
      Object.assign(c, { status: "deleted", html: "", author: { ...c.author, name: "" } });
      return { comment: { ...c } };
    },
    async vote(id, voter, value) {
      await gate("vote");
      if (!voter) throw new Problem("invalid_field");
      const c = find(id);
      c.score += value - (votes.get(`${voter}/${id}`) ?? 0);
      votes.set(`${voter}/${id}`, value);
      return { score: c.score, myVote: value };
    },
  };
}

/** A comment as the server would send it. */
export function comment(
  id: string,
  parentId: string | null,
  name: string,
  extra: Partial<Comment> = {},
): Comment {
  return {
    id,
    parentId,
    page: "/post/",
    author: { name, website: null, avatar: "0f1e2d3c4b5a6978", isModerator: false },
    html: `<p>Said by ${name}</p>`,
    createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    editedAt: null,
    status: "approved",
    score: 0,
    ...extra,
  };
}
