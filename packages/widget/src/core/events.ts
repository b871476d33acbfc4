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
