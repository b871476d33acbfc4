/**
 * The state of one thread and every action that changes it (components only read and call).
 * Comments are kept flat — a map by id plus ordered child lists ("" for the roots) — so an
 * insert, an edit or a vote is O(1) whatever the size of the thread.
 */
import type { Comment, NotifyChoice, PageInfo, PassageAnchor, Sort, VoteValue } from "@causette/types";
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
  /** The Causette server's origin: the sort and "more comments" links point at its HTML fragment. */
  server?: string;
  pageUrl?: string;
  pageTitle?: string;
  /** Seconds during which an author may edit (the server's CAUSETTE_EDIT_WINDOW). */
  editWindow: number;
  /**
   * Draw the thread as anyone sees it (the server's render, and the app's first render over
   * it when hydrating): this reader's own things wait for `personalize()`.
   */
  anonymous?: boolean;
  /**
   * How many others' new comments wait, when it changes other than by a live event: the
   * stream can bring the reader's own comment before the answer to its POST does, and that
   * one, counted as new meanwhile, is no longer waiting once the answer says it is ours.
   */
  onFresh?: (waiting: number) => void;
}

export interface Draft {
  body: string;
  name?: string;
  email?: string;
  website?: string;
  remember?: boolean;
  hp?: string;
  /** "replies" or "all" when a notification box is ticked (the form's `notify` boxes). */
  notify?: NotifyChoice;
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
  /** The server can send e-mail (the thread says `mail: true`): the form offers notifications. */
  let mail = false;
  /** Others' new comments from the live stream, waiting for the reader to ask (`showFresh`). */
  let fresh: Record<string, Comment> = {};
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
    // Every count of this page elsewhere on it (count elements) follows the thread's own
    // (in a browser: the server renders threads too, see ssr.ts).
    if (patch.page && typeof document !== "undefined")
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
    return file(await (pending ?? api.list({ site: o.site, page: o.page, sort: get().sort, cursor })));
  }

  /** Files a page of the thread as the API sent it; returns the patch that shows it. */
  function file(r: ListResponse): Partial<ThreadState> {
    formToken = r.formToken ?? formToken;
    mail = !!r.mail;
    for (const c of r.comments) add(c);
    if (personal) addHeld();
    return { page: r.page, next: r.nextCursor };
  }

  /** A held comment is shown to its author only, from the copy kept when it was posted. */
  function addHeld(): void {
    const s = get();
    for (const [id, own] of Object.entries(kept.own!)) {
      const c = own.held;
      if (c && c.page === o.page && !s.byId[id] && (!c.parentId || s.byId[c.parentId])) add(c);
    }
  }

  /**
   * Whether this reader's own things are shown (their votes, their comments' Edit and Delete,
   * their held comments). Off while the app hydrates the server's HTML, which is everyone's:
   * the first render must be that same tree; `personalize()` then draws the differences.
   */
  let personal = !o.anonymous;

  const actions = {
    $state,
    i18n,
    /** Names this thread in storage keys. */
    key: `${o.site}:${o.page}`,
    site: o.site,
    page: o.page,
    server: o.server ?? "",
    say,
    /** Shows a first page the caller already has (the server's render, a test). */
    show(r: ListResponse): void {
      generation++;
      update({ byId: {}, kids: {}, next: null });
      update({ ...file(r), phase: "ready" });
    },
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
          notify: (d.email && d.notify) || undefined,
          anchor: (!parentId && get().passage) || undefined,
        });
        const held = comment.status === "pending";
        if (fresh[comment.id]) {
          delete fresh[comment.id];
          o.onFresh?.(Object.keys(fresh).length);
        }
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
    myVote: (id: string): VoteValue => (personal && kept.votes![id]) || 0,
    /**
     * An event of the page's live stream: edits, deletions and scores of comments shown
     * change in place; others' new comments wait (no jump of what the reader reads). Returns
     * how many wait.
     */
    // biome-ignore lint/suspicious/noExplicitAny: the data of each type is documented in docs/api.md.
    live(type: string, data: any): number {
      const s = get();
      const known = s.byId[data?.id];
      if (type === "vote" && known) s.byId[known.id] = { ...known, score: data.score };
      if (type === "remove") {
        delete fresh[data.id];
        if (known)
          data = {
            ...known,
            status: "deleted",
            html: "",
            author: { name: "", website: null, avatar: "", isModerator: false },
          };
      }
      if ((type === "comment" || type === "remove") && known) {
        s.byId[known.id] = data;
        const delta = +(data.status === "approved") - +(known.status === "approved");
        if (delta && s.page) update({ page: { ...s.page, commentCount: s.page.commentCount + delta } });
      } else if (type === "comment" && !kept.own![data.id]) {
        if (data.status === "approved") fresh[data.id] = data;
        else delete fresh[data.id];
      }
      if (known) {
        touch(known.id);
        update({});
      }
      return Object.keys(fresh).length;
    },
    /** Shows the new comments the live stream brought (the reader asked). */
    showFresh(): void {
      const s = get();
      let n = 0;
      for (const c of Object.values(fresh))
        if (!s.byId[c.id] && (!c.parentId || s.byId[c.parentId])) {
          add(c);
          n++;
        }
      fresh = {};
      update(s.page ? { page: { ...s.page, commentCount: s.page.commentCount + n } } : {});
    },
    /** Seconds left to edit an own comment; 0 when it is not ours or the window has closed. */
    timeLeft(id: string, now = Date.now()): number {
      const own = personal && kept.own![id];
      return own ? Math.max(0, (own.at + o.editWindow * 1000 - now) / 1000) : 0;
    },
    /** Milliseconds until the next edit window of an own comment closes; Infinity when none is open. */
    nextClose: () => 1000 * Math.min(...Object.keys(kept.own!).map((id) => actions.timeLeft(id) || Infinity)),
    ownBody: (id: string) => kept.own![id]?.body ?? "",
    /** Shows this reader's own things, once the server's HTML is hydrated (see `personal`). */
    personalize(): void {
      personal = true;
      addHeld();
      for (const id of get().kids[""] ?? []) touch(id);
      update({});
    },
    me: () => kept.me,
    mail: () => mail,
    /** Opens the reply form under comment `id`, or closes it when it is open. */
    toggleReply(id: string): void {
      update({ reply: get().reply === id ? null : id, edit: null });
    },
    /** Opens the edit form of own comment `id`. */
    startEdit(id: string): void {
      update({ edit: id, reply: null });
    },
    /** Closes the reply or edit form; the focus goes back to `focus` (the button that opened it). */
    closeForm(focus: string): void {
      update({ reply: null, edit: null, focus });
    },
    /**
     * Quotes `passage` above the root form (issue #17), announced, the focus in its text
     * area; `null` drops it (the comment is then on the whole article).
     */
    quote(passage: PassageAnchor | null): void {
      update({
        passage,
        focus: "new-body",
        note: passage ? `${i18n.t("onPassage")}: ${passage.exact}` : "",
      });
    },
    /** The element (its id) that should get the focus after this render, once. */
    takeFocus(): string | null {
      const s = get();
      const id = s.focus;
      // Taken once, without a render of its own.
      s.focus = null;
      return id;
    },
  };
  return actions;
}
