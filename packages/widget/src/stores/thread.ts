/**
 * The state of one thread and every action that changes it (components only read and call).
 * Comments are kept flat — a map by id plus ordered child lists ("" for the roots) — so an
 * insert, an edit or a vote is O(1) whatever the size of the thread.
 */
import type { Comment, PageInfo, PassageAnchor, Sort, VoteValue } from "@causette/types";
import { atom } from "nanostores";
import { type Api, type ListResponse, Problem, problem } from "../api/client.js";
import { COUNT_EVENT, type CountDetail } from "../core/events.js";
import type { I18n, StringKey } from "../i18n/index.js";
import { loadKept, saveKept, voterId } from "./storage.js";

export interface ThreadState {
  byId: Record<string, Comment>;
  kids: Record<string, string[]>;
  page: PageInfo | null;
  next: string | null;
  sort: Sort;
  phase: "loading" | "ready" | "error";
  /** A further page is being fetched. */
  busy: boolean;
  /** The comment whose reply form is open, the comment being edited. */
  reply: string | null;
  edit: string | null;
  /** The comment highlighted (permalink, just posted). */
  flash: string | null;
  /** The element (by id in the shadow root) that gets focus after the next render. */
  focus: string | null;
  /** What the live region says. */
  note: string;
  /** A failed vote or delete: the comment and the sentence. */
  alert: { id: string; text: string } | null;
  /**
   * A number per root thread that changes whenever anything in that thread does, so that
   * the interface re-renders only the threads that changed (a long thread stays smooth).
   */
  stamps: Record<string, number>;
  /** The passage the root form comments on (issue #17), until it is posted or dropped. */
  passage?: PassageAnchor | null;
}

export interface ThreadOptions {
  api: Api;
  i18n: I18n;
  site: string;
  page: string;
  sort: Sort;
  pageUrl?: string;
  pageTitle?: string;
  /** Seconds during which an author may edit (the server's CAUSETTE_EDIT_WINDOW). */
  editWindow: number;
}

export interface Draft {
  body: string;
  name?: string;
  email?: string;
  website?: string;
  remember?: boolean;
  hp?: string;
}

export type Thread = ReturnType<typeof createThread>;

/** The API's error codes that have their own sentence. */
const WORDS: Record<string, StringKey> = {
  network: "eNet",
  edit_window_closed: "eWindow",
  page_locked: "closed",
  duplicate_comment: "eDup",
  origin_not_allowed: "eOrigin",
};

export function createThread(o: ThreadOptions) {
  const { api, i18n } = o;
  const kept = loadKept();
  kept.own ??= {};
  kept.votes ??= {};
  const $state = atom<ThreadState>({
    byId: {},
    kids: {},
    page: null,
    next: null,
    sort: o.sort,
    phase: "loading",
    busy: false,
    reply: null,
    edit: null,
    flash: null,
    focus: null,
    note: "",
    alert: null,
    stamps: {},
  });
  let formToken: string | undefined;
  let generation = 0;
  const get = $state.get;
  let stamp = 0;
  /**
   * A shortcut from each comment touched to its root thread: a reply's parent never changes,
   * and walking up a chain 10,000 deep for each of its comments as it loads is quadratic.
   */
  const rootOf: Record<string, string> = {};
  /** Marks the root threads of `ids` as changed. */
  const touch = (...ids: (string | null | undefined)[]) => {
    const s = get();
    for (const from of ids) {
      let id = from;
      while (id && s.byId[id]?.parentId) id = rootOf[id] ?? s.byId[id]!.parentId;
      if (!id) continue;
      s.stamps[id] = ++stamp;
      // Only a root we hold: an unknown parent may come with a later page.
      if (s.byId[id]) rootOf[from!] = id;
    }
  };
  const update = (patch: Partial<ThreadState>) => {
    const s = get();
    // Every count of this page elsewhere on it (count elements) follows the thread's own.
    if (patch.page)
      document.dispatchEvent(
        new CustomEvent<CountDetail>(COUNT_EVENT, {
          detail: { site: o.site, page: o.page, count: patch.page.commentCount },
        }),
      );
    // The interface state of a comment (its reply or edit form, its highlight, its alert)
    // changes its thread too.
    for (const k of ["reply", "edit", "flash"] as const) if (k in patch) touch(s[k], patch[k]);
    if ("alert" in patch) touch(s.alert?.id, patch.alert?.id);
    $state.set({ ...s, ...patch });
  };

  function add(c: Comment, first?: boolean): void {
    const s = get();
    if (!s.byId[c.id]) {
      const key = c.parentId ?? "";
      s.kids[key] ??= [];
      const list = s.kids[key];
      if (first) list.unshift(c.id);
      else list.push(c.id);
    }
    s.byId[c.id] = c;
    touch(c.id);
  }

  /** Words for a failed call. */
  function say(p: Problem): string {
    if (p.code === "rate_limited")
      return i18n.t("eRate", { t: i18n.ago(Date.now() + (p.retry ?? 60) * 1000) });
    const key = WORDS[p.code];
    return key ? i18n.t(key) : i18n.t("eOther", { code: p.code });
  }

  /** Fetches a page and files its comments; returns the patch for the one update that shows them. */
  async function fetchPage(cursor?: string, pending?: Promise<ListResponse>): Promise<Partial<ThreadState>> {
    const s = get();
    const r = await (pending ?? api.list({ site: o.site, page: o.page, sort: s.sort, cursor }));
    formToken = r.formToken ?? formToken;
    for (const c of r.comments) add(c);
    // A held comment is shown to its author only, from the copy kept when it was posted.
    for (const [id, own] of Object.entries(kept.own!)) {
      const c = own.held;
      if (c && c.page === o.page && !s.byId[id] && (!c.parentId || s.byId[c.parentId])) add(c);
    }
    return { page: r.page, next: r.nextCursor };
  }

  const actions = {
    $state,
    i18n,
    /** Names this thread in storage keys. */
    key: `${o.site}:${o.page}`,
    say,
    /** (Re)loads the first page, in `sort` order (`first`: that request, already sent). */
    async load(sort: Sort = get().sort, first?: Promise<ListResponse>): Promise<void> {
      const g = ++generation;
      update({ sort, phase: "loading", byId: {}, kids: {}, next: null });
      try {
        const patch = await fetchPage(undefined, first);
        if (g === generation) update({ ...patch, phase: "ready" });
      } catch {
        if (g === generation) update({ phase: "error" });
      }
    },
    /** Appends the next page of root threads. */
    async more(): Promise<void> {
      const s = get();
      if (!s.next || s.busy) return;
      update({ busy: true });
      try {
        update({ ...(await fetchPage(s.next)), busy: false });
      } catch (e) {
        update({ note: say(problem(e)), busy: false });
      }
    },
    /** Loads pages until comment `id` is there (a permalink), then highlights and focuses it. */
    async reveal(id: string): Promise<void> {
      for (let n = 0; n < 200 && !get().byId[id] && get().next; n++) await actions.more();
      if (get().byId[id]) update({ flash: id, focus: `comment-${id}` });
    },
    /** Posts a comment (a reply when `parentId` is given); returns the problem, if any. */
    async post(d: Draft, parentId: string | null): Promise<Problem | null> {
      try {
        const { comment, editToken } = await api.create({
          site: o.site,
          page: o.page,
          pageUrl: o.pageUrl,
          pageTitle: o.pageTitle,
          parentId,
          author: { name: d.name!.trim(), email: d.email || undefined, website: d.website || undefined },
          body: d.body,
          hp: d.hp || undefined,
          formToken,
          anchor: (!parentId && get().passage) || undefined,
        });
        const held = comment.status === "pending";
        kept.own![comment.id] = {
          token: editToken,
          at: Date.now(),
          body: d.body,
          held: held ? comment : undefined,
        };
        kept.me = d.remember ? { name: d.name!, email: d.email ?? "", website: d.website ?? "" } : undefined;
        saveKept(kept);
        const s = get();
        // A new root comment goes right under the form, where the reader is, whatever the
        // order, until the thread is sorted again.
        add(comment, !parentId);
        const page = s.page && !held ? { ...s.page, commentCount: s.page.commentCount + 1 } : s.page;
        update({
          page,
          ...(parentId ? {} : { passage: null }),
          reply: null,
          flash: comment.id,
          focus: `comment-${comment.id}`,
          note: i18n.t(held ? "held" : "posted"),
        });
        return null;
      } catch (e) {
        return problem(e);
      }
    },
    /** Replaces the body of an own comment. */
    async edit(id: string, body: string): Promise<Problem | null> {
      const own = kept.own![id];
      if (!own) return new Problem("bad_token");
      try {
        const { comment } = await api.edit(id, own.token, body);
        own.body = body;
        if (own.held) own.held = comment;
        saveKept(kept);
        get().byId[id] = comment;
        touch(id);
        update({ edit: null, flash: id, focus: `comment-${id}`, note: i18n.t("saved") });
        return null;
      } catch (e) {
        return problem(e);
      }
    },
    /** Deletes an own comment; its replies stay. */
    async remove(id: string): Promise<void> {
      const own = kept.own![id];
      if (!own) return;
      try {
        const { comment } = await api.remove(id, own.token);
        delete kept.own![id];
        saveKept(kept);
        const s = get();
        const was = s.byId[id]!;
        s.byId[id] = comment;
        touch(id);
        const page =
          s.page && was.status === "approved" ? { ...s.page, commentCount: s.page.commentCount - 1 } : s.page;
        // The focus was on its Delete button, now gone: it goes to the placeholder that stays
        // when it has replies, else to the comment it answered, else to the thread's heading.
        const next = s.kids[id]?.length ? id : was.parentId;
        update({
          page,
          edit: null,
          alert: null,
          note: i18n.t("removed"),
          focus: next ? `comment-${next}` : "cz-h",
        });
      } catch (e) {
        update({ alert: { id, text: say(problem(e)) } });
      }
    },
    /** Votes `value`; voting the same way again takes the vote back. */
    async vote(id: string, value: VoteValue): Promise<void> {
      const next = kept.votes![id] === value ? 0 : value;
      try {
        const r = await api.vote(id, voterId(kept), next);
        kept.votes![id] = r.myVote;
        saveKept(kept);
        const s = get();
        s.byId[id] = { ...s.byId[id]!, score: r.score };
        touch(id);
        update({ alert: null });
      } catch (e) {
        update({ alert: { id, text: say(problem(e)) } });
      }
    },
    myVote: (id: string): VoteValue => kept.votes![id] ?? 0,
    /** Seconds left to edit an own comment; 0 when it is not ours or the window has closed. */
    timeLeft(id: string, now = Date.now()): number {
      const own = kept.own![id];
      return own ? Math.max(0, (own.at + o.editWindow * 1000 - now) / 1000) : 0;
    },
    /** Milliseconds until the next edit window of an own comment closes; Infinity when none is open. */
    nextClose: () => 1000 * Math.min(...Object.keys(kept.own!).map((id) => actions.timeLeft(id) || Infinity)),
    ownBody: (id: string) => kept.own![id]?.body ?? "",
    me: () => kept.me,
    set: update,
  };
  return actions;
}
