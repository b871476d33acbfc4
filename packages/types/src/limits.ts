/**
 * Limits shared by the server (validation) and the widget (client-side checks).
 * Lengths are in Unicode code points, measured after trimming.
 */
export const LIMITS = {
  /** Comment body, after trimming: 1 to 10,000 code points. */
  bodyMin: 1,
  bodyMax: 10_000,
  /** Author name: 1 to 100 code points. */
  nameMin: 1,
  nameMax: 100,
  /** Author website, when given. */
  websiteMax: 500,
  /** Author e-mail, when given (RFC 5321 path limit). */
  emailMax: 254,
  /** Page id (a path). */
  pageIdMax: 500,
  /** Page title and page URL sent with a first comment. */
  pageTitleMax: 300,
  pageUrlMax: 2_000,
  /** A passage a comment is about (`anchor.exact`) and the context on each side of it. */
  passageMax: 1_000,
  passageContextMax: 64,
  /** Site name. */
  siteMax: 100,
  /** A request body over this many bytes is refused with 413 before it is parsed. */
  requestBytesMax: 64 * 1024,
  /** Root threads per page of `GET /api/comments`: default and cap. */
  pageSizeDefault: 50,
  pageSizeMax: 200,
  /** Pages per `GET /api/counts` request. */
  countsPagesMax: 100,
  /**
   * Levels of nested replies shown (a display setting only): deeper replies are listed flat
   * after their ancestor at the last level, each saying whom it answers. Between 1 (roots
   * only) and displayDepthMax, so that the page's DOM stays shallow.
   */
  displayDepthDefault: 3,
  displayDepthMax: 10,
  /** Seconds an author may edit or delete a comment. */
  editWindowDefault: 900,
  /** Public writes per minute per client. */
  rateLimitDefault: 10,
} as const;

/** Length in Unicode code points, the unit every limit is expressed in. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
