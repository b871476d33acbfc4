/**
 * The one storage interface of the server. Routes, the importer and moderation talk to the
 * database only through it; SQL lives only in this folder.
 */
import type {
  AdminCommentStatus,
  AdminPage,
  Ban,
  BanKind,
  PassageAnchor,
  ShareNetwork,
  Sort,
  VoteValue,
} from "@causette/types";
import type { EventFeed } from "./event-feed.js";
import type { EventLog, Journal } from "./journal.js";
import type { MessageDraft, OutboxStore } from "./outbox-store.js";
import type { AliasRecord, PageMoveStore } from "./page-moves.js";
import type { RateCounters } from "./rate-counters.js";
import type { MailAddress, SubscriptionScope, SubscriptionStore } from "./subscriptions-store.js";

export type StoredStatus = AdminCommentStatus;

/** A page as stored. */
export interface PageRecord {
  site: string;
  path: string;
  title: string | null;
  url: string | null;
  locked: boolean;
  /** Changes on every write to the page's comments or votes (cache validation). */
  version: number;
  source: string | null;
  sourceId: string | null;
  createdAt: string;
}

/** A comment as stored, with everything (e-mail included): never send it as is. */
export interface CommentRecord {
  id: string;
  site: string;
  page: string;
  parentId: string | null;
  threadId: string;
  authorName: string;
  authorEmail: string | null;
  authorWebsite: string | null;
  avatar: string;
  isModerator: boolean;
  body: string;
  html: string;
  status: StoredStatus;
  reasons: string[];
  score: number;
  editTokenHash: string | null;
  ipHash: string | null;
  createdAt: string;
  editedAt: string | null;
  source: string | null;
  sourceId: string | null;
  /** The passage of the article a root comment is about (the store always fills it in). */
  anchor?: PassageAnchor | null;
}

/**
 * The one input shape of a new comment, for a reader's comment, a moderator's reply and an
 * import alike: what the comments domain's normaliser (comments/normalise.ts) hands the
 * store — author fields normalised, HTML rendered and sanitized. The store stores it.
 */
export interface CommentInput {
  id: string;
  site: string;
  page: string;
  /** Either a Causette id … */
  parentId: string | null;
  /** … or (imports) the parent's source id, found in the database or the same batch. */
  parentSourceId?: string | null;
  authorName: string;
  /** Lowercased. */
  authorEmail: string | null;
  /** An http(s) URL in the URL parser's form. */
  authorWebsite: string | null;
  avatar: string;
  isModerator: boolean;
  /** The raw text as written: Markdown, or the imported HTML. */
  body: string;
  html: string;
  status: StoredStatus;
  reasons: string[];
  score?: number;
  editTokenHash: string | null;
  ipHash: string | null;
  createdAt: string;
  editedAt?: string | null;
  source?: string | null;
  sourceId?: string | null;
  anchor?: PassageAnchor | null;
}

/** What `createComment` does besides inserting the row. */
export interface CreateOptions {
  /**
   * The page's title and URL as the widget reported them (already checked against the
   * allowed origins): a published comment sets them, a held one fills them only when the page
   * has none, spam never touches them.
   */
  pageMeta?: { title: string | null; url: string | null } | null;
  /** A moderator's reply publishes a held parent in the same transaction. */
  approveParent?: boolean;
  /** The events of the new comment, written in its transaction (store/journal.ts). */
  journal?: Journal<CommentRecord>;
  /**
   * The reader's `notify`: its address, subscription and any confirmation e-mail are written
   * in the comment's transaction, so an acknowledged comment always has them and a refused
   * one never does. Ignored for spam and for a comment without an e-mail.
   */
  follow?: Follow;
}

/** What a new comment's author asked to follow (notify/notify.ts makes it). */
export interface Follow {
  /** "comment": the replies to the new comment; "page": every new comment of its page. */
  scope: SubscriptionScope;
  /** The page's language as the widget reported it (a BCP 47 tag), or null. */
  lang: string | null;
  /** The messages the subscription causes (a first confirmation), written with it. */
  messages(address: MailAddress): readonly MessageDraft[];
}

/** A status change made by `setStatuses`: the comment after, and its status before. */
export interface StatusChange {
  comment: CommentRecord;
  from: StoredStatus;
}

export interface CommentPatch {
  body?: string;
  html?: string;
  status?: StoredStatus;
  reasons?: string[];
  editedAt?: string | null;
  authorName?: string;
  isModerator?: boolean;
}

export interface ThreadQuery {
  site: string;
  page: string;
  sort: Sort;
  /** Root threads per page. */
  limit: number;
  cursor: string | null;
  /** Statuses listed; the public list asks for approved and deleted. */
  statuses: readonly StoredStatus[];
}

export interface ThreadPage {
  /** Roots in the requested order, each followed by its descendants, oldest first. */
  comments: CommentRecord[];
  nextCursor: string | null;
}

export interface AdminQuery {
  site?: string;
  status?: StoredStatus;
  page?: string;
  /** Matched case-insensitively against the body, the author's name and e-mail. */
  q?: string;
  cursor?: string | null;
  limit: number;
}

export interface VoteResult {
  score: number;
  myVote: VoteValue;
}

/** Rows for `importBatch`; everything optional defaults as a new comment would. */
export interface ImportPage {
  site: string;
  path: string;
  title?: string | null;
  url?: string | null;
  locked?: boolean;
  source?: string | null;
  sourceId?: string | null;
  createdAt?: string;
}

/**
 * A comment as an importer produces it: `CommentInput` with what the normaliser fills in
 * (id, avatar, HTML from Markdown, defaults) left optional.
 */
export type ImportComment = Omit<CommentInput, NormalisedFields | "editTokenHash" | "ipHash"> &
  Partial<Pick<CommentInput, NormalisedFields>>;

/** What the normaliser fills in when an import leaves it out. */
type NormalisedFields =
  | "id"
  | "parentId"
  | "authorEmail"
  | "authorWebsite"
  | "avatar"
  | "isModerator"
  | "html"
  | "status"
  | "reasons";

export interface ImportVote {
  commentId: string;
  voter: string;
  value: VoteValue;
  createdAt?: string;
}

export interface ImportShare {
  site: string;
  page: string;
  network: ShareNetwork | string;
  count: number;
}

/** Rows to import; the store takes them normalised (`comments/normalise.ts`: `CommentInput`). */
export interface ImportBatch<C = CommentInput> {
  pages?: ImportPage[];
  comments?: C[];
  votes?: ImportVote[];
  shares?: ImportShare[];
}

export interface ImportResult {
  pages: { inserted: number; skipped: number };
  comments: { inserted: number; skipped: number };
  votes: { inserted: number; skipped: number };
  shares: { inserted: number; skipped: number };
  /** Per skipped comment: its source id (or id) and why, e.g. "exists", "parent_not_found". */
  skippedComments: { key: string; reason: string }[];
  /** The Causette id of every comment of the batch (inserted or found), by source id. */
  idsBySourceId: Map<string, string>;
}

/** Everything a JSON export holds, in a stable order (see docs). */
export interface ExportData {
  pages: PageRecord[];
  comments: CommentRecord[];
  votes: { commentId: string; voter: string; value: number; createdAt: string }[];
  shares: { site: string; page: string; network: string; count: number }[];
  /** Old page ids and the page each is served (page-moves.ts), by path. */
  aliases: AliasRecord[];
}

/** Receives an export one chunk of one section at a time (store.exportSite). */
export type ExportSink = <S extends keyof ExportData>(section: S, rows: ExportData[S]) => Promise<void>;

export interface Store {
  readonly dialect: "sqlite" | "postgres";
  /** Moderation: admin sessions, the block list, and admin-only queries (admin-store.ts). */
  readonly admin: AdminStore;
  /** Page moves, merges and aliases, recorded and undoable (page-moves.ts). */
  readonly moves: PageMoveStore;
  /** The event log: every change's events, written in its transaction (journal.ts). */
  readonly events: EventLog;
  /** E-mails and webhook deliveries, from the events to their sending (outbox-store.ts). */
  readonly outbox: OutboxStore;
  /** Addresses that asked for e-mail and what they follow (subscriptions-store.ts). */
  readonly subscriptions: SubscriptionStore;
  /** Counters every server shares: rate limits and once-only rules (rate-counters.ts). */
  readonly counters: RateCounters;
  /**
   * Every server's committed events, on PostgreSQL (event-feed.ts); null on SQLite, where
   * one process writes and the in-process bus already has them all.
   */
  readonly feed: EventFeed | null;
  /**
   * The page whose thread `page` is served: `page` itself, or the page it is an alias of
   * (after a move, a merge or an alias). Cached; every route that takes a page id calls it.
   */
  resolvePage(site: string, page: string): Promise<string>;
  /** Runs pending migrations (idempotent). `openStore` already calls it. */
  migrate(): Promise<string[]>;
  /**
   * Resolves when the database answers (and, after a write failed for a full disk, when a
   * write succeeds again); rejects otherwise, with `storage_unavailable` when it is down.
   */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** A random secret generated once per database and shared by every server on it. */
  secret(): Promise<string>;

  getPage(site: string, path: string): Promise<PageRecord | null>;
  /** Only the version (cheap: asked on every cached read). 0 for a page never seen. */
  pageVersion(site: string, path: string): Promise<number>;
  setPageLocked(
    site: string,
    path: string,
    locked: boolean,
    journal?: Journal<PageRecord>,
  ): Promise<PageRecord>;

  /** Inserts a comment (and its page row when missing); refuses a locked page or a missing parent. */
  createComment(input: CommentInput, options?: CreateOptions): Promise<CommentRecord>;
  getComment(id: string): Promise<CommentRecord | null>;
  updateComment(
    id: string,
    patch: CommentPatch,
    journal?: Journal<CommentRecord | null>,
  ): Promise<CommentRecord | null>;
  listThreads(query: ThreadQuery): Promise<ThreadPage>;
  /** Approved comments per page (0 for pages never seen). */
  countApproved(site: string, pages: readonly string[]): Promise<Record<string, number>>;
  /**
   * True once a comment with this e-mail (lowercased) and this name (as stored) has been
   * approved on the site.
   */
  hasApprovedAuthor(site: string, email: string, name: string): Promise<boolean>;
  /**
   * The latest approved comments of a page (or, with `page` null, of the whole site) that
   * its thread shows, newest first, at most `limit`: what the Atom feeds list.
   */
  recentApproved(site: string, page: string | null, limit: number): Promise<CommentRecord[]>;

  /** Sets (value 1/-1) or removes (0) a voter's vote; the score changes in the same transaction. */
  vote(
    commentId: string,
    voter: string,
    value: VoteValue,
    journal?: Journal<VoteResult>,
  ): Promise<VoteResult>;

  addShare(site: string, page: string, network: ShareNetwork): Promise<void>;
  shareCounts(site: string, page: string): Promise<Record<string, number>>;

  /** Inserts in one transaction, skipping rows whose id or source id already exists. */
  importBatch(batch: ImportBatch): Promise<ImportResult>;
  /**
   * Ends an import: rebuilds what the batches deferred (SQLite builds the read paths'
   * indexes of a first import once, at the end). Call it after the last batch, also on
   * failure; a no-op when nothing was deferred.
   */
  finishImport(): Promise<void>;
  /** Everything, or one site, in a stable order, in memory (tests, small sites). */
  exportAll(site?: string): Promise<ExportData>;
  /**
   * One site's export in chunks, in the same order, from one snapshot of the database: what
   * `causette export` streams, holding a chunk (500 rows by default) in memory rather than
   * the site.
   */
  exportSite(site: string, each: ExportSink, chunk?: number): Promise<void>;
}

/** Moderation storage, reached as `store.admin` (admin-store.ts). */
export interface NewBan {
  id: string;
  kind: BanKind;
  value: string;
  note: string | null;
  createdAt: string;
}

export interface AdminStore {
  createSession(tokenHash: string, createdAt: string, expiresAt: string): Promise<void>;
  /** True when a session with this token hash exists and has not expired at `now`. */
  hasSession(tokenHash: string, now: string): Promise<boolean>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session ("log out everywhere"); returns how many there were. */
  deleteAllSessions(): Promise<number>;

  /**
   * Counts this client's login attempts since `since` and, when fewer than `max`, records one
   * more, in one transaction that holds the client's row: concurrent attempts are counted one
   * after the other, on every server of the database. Returns the new attempt's id, or the
   * times of the counted ones when none is left.
   */
  reserveLoginAttempt(
    client: string,
    at: string,
    since: string,
    max: number,
  ): Promise<{ id: string } | { refused: string[] }>;
  /** Removes one attempt (it logged in): the client's other attempts stay counted. */
  forgetLoginAttempt(id: string): Promise<void>;

  listBans(): Promise<Ban[]>;
  /** Adds an entry, or returns the existing one with the same kind and value. */
  addBan(ban: NewBan): Promise<Ban>;
  removeBan(id: string): Promise<boolean>;

  /** Comments from one client (ip hash) on every site since `since`, newest first. */
  recentByClient(ipHash: string, since: string): Promise<CommentRecord[]>;
  /** Comments (not already spam) whose author e-mail, ip hash, or text may match an entry. */
  candidatesFor(kind: BanKind, value: string): Promise<CommentRecord[]>;
  /**
   * Sets the status of many comments in one transaction, adding `reason` to their reasons;
   * returns each comment found with the status it had before.
   */
  setStatuses(
    ids: readonly string[],
    status: AdminCommentStatus,
    reason?: string,
    journal?: Journal<StatusChange[]>,
  ): Promise<StatusChange[]>;
  /** The moderation list: newest first, filtered, by keyset pages. */
  listComments(query: AdminQuery): Promise<{ comments: CommentRecord[]; nextCursor: string | null }>;

  sites(): Promise<string[]>;
  pendingCount(): Promise<number>;
  pagesFor(keys: readonly { site: string; page: string }[]): Promise<PageRecord[]>;
  listPages(query: { site?: string; q?: string; limit: number }): Promise<AdminPage[]>;
}
