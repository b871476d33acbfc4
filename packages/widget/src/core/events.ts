/**
 * The events the widget's parts send each other on `document`, so that one part never
 * imports another (each stays in its own chunk).
 */

/** The comments of a page changed count (loaded, posted, deleted): count elements follow. */
export const COUNT_EVENT = "causette:count";

export interface CountDetail {
  site: string;
  page: string;
  count: number;
}

/**
 * The page's live stream, held by the loader (live/stream.ts), passed on to the comments app
 * once it has taken the thread over: dispatched on the comments container. The app handles
 * `type` ("comment", "vote", "remove", or "show": the reader asked for the new comments) and
 * sets `fresh` to how many others' new comments wait to be shown (the loader's notice). The
 * app sends `type: "fresh"` itself when that number changes otherwise (a comment the stream
 * brought turned out to be the reader's own); the loader's notice follows it.
 */
export const LIVE_EVENT = "causette:live";

export interface LiveDetail {
  type: string;
  // biome-ignore lint/suspicious/noExplicitAny: the data of each type is documented in docs/api.md.
  data?: any;
  fresh: number;
}
