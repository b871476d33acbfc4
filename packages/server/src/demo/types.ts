import type { ShareNetwork } from "@causette/types";

/** One comment of the demo discussions, written as data. */
export interface DemoComment {
  /** A name for this comment inside its page, so replies can point at it. */
  key: string;
  /** The key of the comment it answers; absent for a root comment. */
  parent?: string;
  name: string;
  website?: string;
  /** The blog's author, answering as a moderator. */
  moderator?: boolean;
  /** When it was written (ISO 8601 UTC, in the past). */
  at: string;
  /** Markdown, as a reader would type it. */
  body: string;
  /** How many readers liked it. */
  votes?: number;
}

/** A page of the example blog and its discussion. */
export interface DemoPage {
  /** The page id, as the widget derives it from the page's path. */
  id: string;
  title: string;
  comments: DemoComment[];
  /** Share counts per network, so the share bar shows a life of its own. */
  shares?: Partial<Record<ShareNetwork, number>>;
}
