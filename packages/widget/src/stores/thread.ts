/**
 * The state of one thread, in a nanostore per concern, and the actions that change it, beside
 * them. Components read the stores, listen to them (`watch`, stores/watch.ts) and call the
 * actions; they never set a store.
 *
 * - the comments (`tree`, flat), with an atom per root thread (`$root(id)`) that its
 *   component listens to: one reply re-renders its own thread, not the 10,000 comments of
 *   the others; `$root("")` is the list of roots, which the app listens to;
 * - `$meta`: the thread as the API describes it (its page, the next page's cursor, the sort,
 *   loading or not);
 * - `$ui`: what the reader is doing and is told (open forms, highlight, alert, live region,
 *   quoted passage), and `$focus`, the element that takes the focus after the next render;
 * - `$fresh`: the live stream's new comments, waiting for the reader to ask.
 */
import type { Comment, NotifyChoice, PageInfo, PassageAnchor, Sort, VoteValue } from "@causette/types";
import { atom, type WritableAtom } from "nanostores";
import { type Api, type ListResponse, Problem, problem } from "../api/client.js";
import { COUNT_EVENT, type CountDetail } from "../core/events.js";
import type { I18n, StringKey } from "../i18n/index.js";
import { loadKept, saveKept, voterId } from "./storage.js";

/** The thread as the API describes it. */
export interface Meta {
  page: PageInfo | null;
  /** The cursor of the next page of root threads. */
  next: string | null;
  sort: Sort;
  phase: "loading" | "ready" | "error";
  /** A further page is being fetched. */
  busy: boolean;
}

/** What the reader is doing and is told. */
export interface Ui {
  /** The comment whose reply form is open, the comment being edited. */
  reply: string | null;
  edit: string | null;
  /** The comment highlighted (permalink, just posted). */
  flash: string | null;
  /** A failed vote or delete: the comment and the sentence. */
  alert: { id: string; text: string } | null;
  /** What the live region says. */
  note: string;
  /** The passage the root form comments on (issue #17), until it is posted or dropped. */
  passage: PassageAnchor | null;
}

/**
 * The comments, flat — a record by id plus each one's ordered replies ("" for the roots) —
 * so that an insert, an edit or a vote is O(1) whatever the size of the thread. Only the
 * actions change it, and each change renews the atom of the root thread it is in (`$root`).
 */
export interface Tree {
  byId: Record<string, Comment>;
  kids: Record<string, string[]>;
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

export function createThread(options: ThreadOptions) {
  const { api, i18n } = options;
  const kept = loadKept();
  kept.own ??= {};
  kept.votes ??= {};

  // The comments (see Tree), and the atom of each root thread.
  const tree: Tree = { byId: {}, kids: {} };
  const roots: Record<string, WritableAtom<number>> = {};
  /** The atom of root thread `id` ("": the list of roots): a new number whenever anything in it changes. */
  const $root = (id: string) => (roots[id] ??= atom(0));
  let changes = 0;
  const renew = (id: string) => $root(id).set(++changes);
  /**
   * A shortcut from each comment touched to its root thread: a reply's parent never changes,
   * and walking up a chain 10,000 deep for each of its comments as it loads is quadratic.
   */
  const rootOf: Record<string, string> = {};
  /** Renews the atoms of the root threads of `ids`. */
  const touch = (...ids: (string | null | undefined)[]) => {
    const { byId } = tree;
    for (const from of ids) {
      let id = from;
      while (id && byId[id]?.parentId) id = rootOf[id] ?? byId[id]!.parentId;
      if (!id) continue;
      renew(id);
      // Only a root we hold: an unknown parent may come with a later page.
      if (byId[id]) rootOf[from!] = id;
    }
  };
  function add(c: Comment, first?: boolean): void {
    const { byId, kids } = tree;
    if (!byId[c.id]) {
      const key = c.parentId ?? "";
      kids[key] ??= [];
      const list = kids[key];
      if (first) list.unshift(c.id);
      else list.push(c.id);
      if (!c.parentId) renew("");
    }
    byId[c.id] = c;
    touch(c.id);
  }
  /** Changes comment `id` in place (an edit, a vote, a deletion). */
  const replace = (c: Comment) => {
    tree.byId[c.id] = c;
    touch(c.id);
  };
  /** Empties the thread (a first page follows). */
  const clear = () => {
    tree.byId = {};
    tree.kids = {};
    renew("");
  };

  const $meta = atom<Meta>({ page: null, next: null, sort: options.sort, phase: "loading", busy: false });
  const setMeta = (patch: Partial<Meta>) => {
    // Every count of this page elsewhere on it (count elements) follows the thread's own
    // (in a browser: the server renders threads too, see ssr.ts).
    if (patch.page && typeof document !== "undefined")
      document.dispatchEvent(
        new CustomEvent<CountDetail>(COUNT_EVENT, {
          detail: { site: options.site, page: options.page, count: patch.page.commentCount },
        }),
      );
    $meta.set({ ...$meta.get(), ...patch });
  };
  /** Adds `n` to the page's count of comments. */
  const count = (n: number) => {
    const { page } = $meta.get();
    if (page && n) setMeta({ page: { ...page, commentCount: page.commentCount + n } });
  };

  const $ui = atom<Ui>({ reply: null, edit: null, flash: null, alert: null, note: "", passage: null });
  /** The element (by id in the shadow root) that gets the focus after the next render, once. */
  const $focus = atom<string | null>(null);
  const setUi = (patch: Partial<Ui>, focus?: string | null) => {
    const ui = $ui.get();
    const next = { ...ui, ...patch };
    // A comment's reply or edit form, highlight or alert is part of its thread.
    for (const k of ["reply", "edit", "flash"] as const) if (ui[k] !== next[k]) touch(ui[k], next[k]);
    if (ui.alert !== next.alert) touch(ui.alert?.id, next.alert?.id);
    if (focus) $focus.set(focus);
    $ui.set(next);
  };

  /** Others' new comments from the live stream, waiting for the reader to ask (`showFresh`). */
  const $fresh = atom<Record<string, Comment>>({});
  const waiting = () => Object.keys($fresh.get()).length;
  /** Takes comment `id` out of the fresh ones; returns whether it was there. */
  const unfresh = (id: string) => {
    const { [id]: was, ...rest } = $fresh.get();
    $fresh.set(rest);
    return !!was;
  };

  let formToken: string | undefined;
  /** The server can send e-mail (the thread says `mail: true`): the form offers notifications. */
  let mail = false;
  let generation = 0;

  /** Words for a failed call. */
  function say(failure: Problem): string {
    if (failure.code === "rate_limited")
      return i18n.t("eRate", { t: i18n.ago(Date.now() + (failure.retry ?? 60) * 1000) });
    const key = WORDS[failure.code];
    return key ? i18n.t(key) : i18n.t("eOther", { code: failure.code });
  }

  /** Fetches a page and files its comments; returns the patch for the one update that shows them. */
  async function fetchPage(cursor?: string, pending?: Promise<ListResponse>): Promise<Partial<Meta>> {
    return file(
      await (pending ?? api.list({ site: options.site, page: options.page, sort: $meta.get().sort, cursor })),
    );
  }

  /** Files a page of the thread as the API sent it; returns the patch that shows it. */
  function file(r: ListResponse): Partial<Meta> {
    formToken = r.formToken ?? formToken;
    mail = !!r.mail;
    for (const c of r.comments) add(c);
    if (personal) addHeld();
    return { page: r.page, next: r.nextCursor };
  }

  /** A held comment is shown to its author only, from the copy kept when it was posted. */
  function addHeld(): void {
    const { byId } = tree;
    for (const [id, own] of Object.entries(kept.own!)) {
      const c = own.held;
      if (c && c.page === options.page && !byId[id] && (!c.parentId || byId[c.parentId])) add(c);
    }
  }

  /**
   * Whether this reader's own things are shown (their votes, their comments' Edit and Delete,
   * their held comments). Off while the app hydrates the server's HTML, which is everyone's:
   * the first render must be that same tree; `personalize()` then draws the differences.
   */
  let personal = !options.anonymous;

  const actions = {
    /** The stores: components read them (and listen to them), and call the actions below. */
    tree,
    $root,
    $meta,
    $ui,
    i18n,
    /** Names this thread in storage keys. */
    key: `${options.site}:${options.page}`,
    site: options.site,
    page: options.page,
    server: options.server ?? "",
    say,
    /** Shows a first page the caller already has (the server's render, a test). */
    show(r: ListResponse): void {
      generation++;
      clear();
      setMeta({ ...file(r), phase: "ready" });
    },
    /** (Re)loads the first page, in `sort` order (`first`: that request, already sent). */
    async load(sort: Sort = $meta.get().sort, first?: Promise<ListResponse>): Promise<void> {
      const g = ++generation;
      clear();
      setMeta({ sort, phase: "loading", next: null });
      try {
        const patch = await fetchPage(undefined, first);
        if (g === generation) setMeta({ ...patch, phase: "ready" });
      } catch {
        if (g === generation) setMeta({ phase: "error" });
      }
    },
    /** Appends the next page of root threads. */
    async more(): Promise<void> {
      const { next, busy } = $meta.get();
      if (!next || busy) return;
      setMeta({ busy: true });
      try {
        setMeta({ ...(await fetchPage(next)), busy: false });
      } catch (e) {
        setMeta({ busy: false });
        setUi({ note: say(problem(e)) });
      }
    },
    /** Loads pages until comment `id` is there (a permalink), then highlights and focuses it. */
    async reveal(id: string): Promise<void> {
      for (let n = 0; n < 200 && !tree.byId[id] && $meta.get().next; n++) await actions.more();
      if (tree.byId[id]) setUi({ flash: id }, `comment-${id}`);
    },
    /** Posts a comment (a reply when `parentId` is given); returns the problem, if any. */
    async post(draft: Draft, parentId: string | null): Promise<Problem | null> {
      try {
        const { comment, editToken } = await api.create({
          site: options.site,
          page: options.page,
          pageUrl: options.pageUrl,
          pageTitle: options.pageTitle,
          parentId,
          author: {
            name: draft.name!.trim(),
            email: draft.email || undefined,
            website: draft.website || undefined,
          },
          body: draft.body,
          hp: draft.hp || undefined,
          formToken,
          notify: (draft.email && draft.notify) || undefined,
          anchor: (!parentId && $ui.get().passage) || undefined,
        });
        const held = comment.status === "pending";
        if (unfresh(comment.id)) options.onFresh?.(waiting());
        kept.own![comment.id] = {
          token: editToken,
          at: Date.now(),
          body: draft.body,
          held: held ? comment : undefined,
        };
        kept.me = draft.remember
          ? { name: draft.name!, email: draft.email ?? "", website: draft.website ?? "" }
          : undefined;
        saveKept(kept);
        // A new root comment goes right under the form, where the reader is, whatever the
        // order, until the thread is sorted again.
        add(comment, !parentId);
        count(+!held);
        setUi(
          {
            ...(parentId ? {} : { passage: null }),
            reply: null,
            flash: comment.id,
            note: i18n.t(held ? "held" : "posted"),
          },
          `comment-${comment.id}`,
        );
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
        replace(comment);
        setUi({ edit: null, flash: id, note: i18n.t("saved") }, `comment-${id}`);
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
        const was = tree.byId[id]!;
        replace(comment);
        count(-(was.status === "approved"));
        // The focus was on its Delete button, now gone: it goes to the placeholder that stays
        // when it has replies, else to the comment it answered, else to the thread's heading.
        const next = tree.kids[id]?.length ? id : was.parentId;
        setUi({ edit: null, alert: null, note: i18n.t("removed") }, next ? `comment-${next}` : "cz-h");
      } catch (e) {
        setUi({ alert: { id, text: say(problem(e)) } });
      }
    },
    /** Votes `value`; voting the same way again takes the vote back. */
    async vote(id: string, value: VoteValue): Promise<void> {
      const next = kept.votes![id] === value ? 0 : value;
      try {
        const r = await api.vote(id, voterId(kept), next);
        kept.votes![id] = r.myVote;
        saveKept(kept);
        replace({ ...tree.byId[id]!, score: r.score });
        setUi({ alert: null });
      } catch (e) {
        setUi({ alert: { id, text: say(problem(e)) } });
      }
    },
    myVote: (id: string): VoteValue => (personal && kept.votes![id]) || 0,
    /**
     * An event of the page's live stream: edits, deletions and scores of comments shown
     * change in place; others' new comments wait (no jump of what the reader reads); a lock
     * shows at once; `reload` reads the thread again. Returns how many wait.
     */
    // biome-ignore lint/suspicious/noExplicitAny: the data of each type is documented in docs/api.md.
    live(type: string, data: any): number {
      // The page was locked or unlocked: the form goes or comes back.
      const page = $meta.get().page;
      if (type === "page" && page) setMeta({ page: { ...page, locked: !!data.locked } });
      // Too far behind for the stream to catch up, or the thread moved: read it anew.
      if (type === "reload") void actions.load();
      const known = tree.byId[data?.id];
      if (type === "vote" && known) replace({ ...known, score: data.score });
      if (type === "remove") {
        unfresh(data.id);
        if (known)
          data = {
            ...known,
            status: "deleted",
            html: "",
            author: { name: "", website: null, avatar: "", isModerator: false },
          };
      }
      if ((type === "comment" || type === "remove") && known) {
        replace(data);
        count(+(data.status === "approved") - +(known.status === "approved"));
      } else if (type === "comment" && !kept.own![data.id]) {
        if (data.status === "approved") $fresh.set({ ...$fresh.get(), [data.id]: data });
        else unfresh(data.id);
      }
      return waiting();
    },
    /** Shows the new comments the live stream brought (the reader asked). */
    showFresh(): void {
      const { byId } = tree;
      let n = 0;
      for (const c of Object.values($fresh.get()))
        if (!byId[c.id] && (!c.parentId || byId[c.parentId])) {
          add(c);
          n++;
        }
      $fresh.set({});
      count(n);
    },
    /** Seconds left to edit an own comment; 0 when it is not ours or the window has closed. */
    timeLeft(id: string, now = Date.now()): number {
      const own = personal && kept.own![id];
      return own ? Math.max(0, (own.at + options.editWindow * 1000 - now) / 1000) : 0;
    },
    /** Milliseconds until the next edit window of an own comment closes; Infinity when none is open. */
    nextClose: () => 1000 * Math.min(...Object.keys(kept.own!).map((id) => actions.timeLeft(id) || Infinity)),
    ownBody: (id: string) => kept.own![id]?.body ?? "",
    /** Shows this reader's own things, once the server's HTML is hydrated (see `personal`). */
    personalize(): void {
      personal = true;
      addHeld();
      touch(...(tree.kids[""] ?? []));
      // The forms too (the remembered author).
      renew("");
    },
    me: () => kept.me,
    mail: () => mail,
    /** Opens the reply form under comment `id`, or closes it when it is open. */
    toggleReply(id: string): void {
      setUi({ reply: $ui.get().reply === id ? null : id, edit: null });
    },
    /** Opens the edit form of own comment `id`. */
    startEdit(id: string): void {
      setUi({ edit: id, reply: null });
    },
    /** Closes the reply or edit form; the focus goes back to `focus` (the button that opened it). */
    closeForm(focus: string): void {
      setUi({ reply: null, edit: null }, focus);
    },
    /**
     * Quotes `passage` above the root form (issue #17), announced, the focus in its text
     * area; `null` drops it (the comment is then on the whole article).
     */
    quote(passage: PassageAnchor | null): void {
      setUi({ passage, note: passage ? `${i18n.t("onPassage")}: ${passage.exact}` : "" }, "new-body");
    },
    /** The element (its id) that should get the focus after this render, once (no render of its own: no one listens). */
    takeFocus(): string | null {
      const id = $focus.get();
      $focus.set(null);
      return id;
    },
  };
  return actions;
}
