/**
 * The database tables as Kysely sees them. Columns are portable between SQLite and
 * PostgreSQL: times are ISO 8601 UTC strings (they sort as text), booleans are 0/1 integers.
 */
import type { Generated } from "kysely";

export interface PagesTable {
  site: string;
  path: string;
  title: string | null;
  url: string | null;
  locked: Generated<number>;
  /** Bumped in the same transaction as every write to the page's comments or votes. */
  version: Generated<number>;
  source: string | null;
  source_id: string | null;
  created_at: string;
}

export interface CommentsTable {
  id: string;
  site: string;
  page: string;
  parent_id: string | null;
  /** The root comment's id (its own id for a root): a page of threads is one indexed query. */
  thread_id: string;
  author_name: string;
  author_email: string | null;
  author_website: string | null;
  avatar: string;
  is_moderator: Generated<number>;
  /** The raw Markdown as written (or as imported), kept for edits and exports. */
  body: string;
  html: string;
  status: string;
  /** JSON array of strings: why a comment was held or marked spam. */
  reasons: Generated<string>;
  score: Generated<number>;
  edit_token_hash: string | null;
  ip_hash: string | null;
  created_at: string;
  edited_at: string | null;
  source: string | null;
  source_id: string | null;
  /** JSON: the passage a root comment is about (migration 080, comments/anchor.ts), or null. */
  anchor: string | null;
}

/**
 * Every column of `comments`, once. The mapped type makes the compiler refuse a column
 * missing here or one that the table does not have, so positional code (the SQLite import's
 * prepared INSERT) derived from it cannot drift from the table.
 */
const COMMENT_COLUMN_SET: { [K in keyof CommentsTable]-?: true } = {
  id: true,
  site: true,
  page: true,
  parent_id: true,
  thread_id: true,
  author_name: true,
  author_email: true,
  author_website: true,
  avatar: true,
  is_moderator: true,
  body: true,
  html: true,
  status: true,
  reasons: true,
  score: true,
  edit_token_hash: true,
  ip_hash: true,
  created_at: true,
  edited_at: true,
  source: true,
  source_id: true,
  anchor: true,
};

/** The columns of `comments` in one fixed order. */
export const COMMENT_COLUMNS = Object.keys(COMMENT_COLUMN_SET) as readonly (keyof CommentsTable)[];

export interface VotesTable {
  comment_id: string;
  /** HMAC of the widget's random voter id, never the id itself. */
  voter: string;
  value: number;
  created_at: string;
}

export interface ShareCountsTable {
  site: string;
  page: string;
  network: string;
  count: number;
}

/** The event log (migration 030_events, store/journal.ts). */
export interface EventsTable {
  id: Generated<number>;
  site: string;
  page: string;
  type: string;
  comment_id: string | null;
  at: string;
  /** The event as JSON. */
  data: string;
  /** 1 once the outbox's dispatcher expanded it into messages (migration 060_outbox). */
  dispatched: Generated<number>;
}

/** E-mails and webhook deliveries waiting, sent, failed or dropped (migration 060_outbox). */
export interface OutboxTable {
  id: Generated<number>;
  key: string;
  channel: string;
  kind: string;
  site: string;
  recipient: string;
  group_key: string | null;
  /** JSON; a grouped message's `items` grow while it waits. */
  payload: string;
  event_id: number | null;
  /** queued | retrying (failed, due again later) | sent | dead (gave up) | dropped (no longer wanted). */
  status: string;
  attempts: Generated<number>;
  due_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

/** Counters shared by every server (migration 070_rate_counters, store/rate-counters.ts). */
export interface RateCountersTable {
  key: string;
  /** Milliseconds since the epoch. */
  window_start: number;
  window_ms: number;
  count: number;
}

export interface MetaTable {
  key: string;
  value: string;
}

/** Page moves and aliases (migration 020_page_moves, store/page-moves.ts). */
export interface PageAliasesTable {
  site: string;
  /** The old page id… */
  path: string;
  /** … and the page whose thread it is served (itself possibly an alias: chains resolve). */
  target: string;
  created_at: string;
}

export interface PageMovesTable {
  site: string;
  /** 1, 2, 3… per site: the number `causette pages undo N` takes. */
  seq: number;
  kind: string;
  source: string;
  target: string;
  /** JSON array of the root ids of the threads moved (undo moves them back, replies included). */
  threads: string;
  /** JSON object: the share counts moved, by network. */
  shares: string;
  comments: number;
  created_at: string;
  created_by: string;
  undone_at: string | null;
  undone_by: string | null;
}

/** An address that asked for e-mail on a site (migration 061_subscriptions). */
export interface MailAddressesTable {
  id: string;
  site: string;
  email: string;
  confirmed_at: string | null;
  created_at: string;
  /** The subscriber's language (migration 062): a BCP 47 tag, lowercased, or null. */
  lang: string | null;
}

export interface SubscriptionsTable {
  address_id: string;
  scope: string;
  target: string;
  site: string;
  page: string;
  created_at: string;
}

export interface Database {
  pages: PagesTable;
  comments: CommentsTable;
  votes: VotesTable;
  share_counts: ShareCountsTable;
  meta: MetaTable;
  page_aliases: PageAliasesTable;
  page_moves: PageMovesTable;
  events: EventsTable;
  outbox: OutboxTable;
  mail_addresses: MailAddressesTable;
  subscriptions: SubscriptionsTable;
  rate_counters: RateCountersTable;
}
