/** Turns the neutral model into the rows the store's `importBatch` takes. */
import type { ImportComment, ImportPage } from "../store/types.js";
import type { BodyKind, ImportSource, ParsedPage, Sanitize } from "./model.js";
import { simpleHtml, TEXT } from "./simple-html.js";
import type { OrderedComment } from "./thread.js";
import { wpautop } from "./wpautop.js";

/**
 * One line of a spool: a page, or a comment of a page written before it. A comment is an
 * array of its fields (packComment): without the names, the spool is a third smaller, and
 * writing and reading it back cost as much less.
 */
export type SpoolRecord = { page: ImportPage } | PackedComment;

/**
 * A comment's fields in this order; site and source are the import's own. Its HTML is not
 * made yet: `unpackComment` makes it when the batch is written (run.ts), a comment at a
 * time between which the server answers readers. `kind` is null for a deleted placeholder.
 */
export type PackedComment = [
  page: string,
  parentSourceId: string | null,
  authorName: string,
  authorEmail: string | null,
  authorWebsite: string | null,
  isModerator: 0 | 1,
  body: string,
  kind: BodyKind | null,
  status: ImportComment["status"] | null,
  createdAt: string,
  sourceId: string | null,
  reasons: string[] | null,
];

/** A comment of `page` as a spool line's fields. */
export function packComment(page: string, c: OrderedComment): PackedComment {
  return [
    page,
    c.parentSourceId,
    c.authorName,
    c.authorEmail,
    c.authorWebsite,
    c.isModerator ? 1 : 0,
    c.body,
    c.status === "deleted" ? null : c.bodyKind,
    c.status,
    c.createdAt,
    c.sourceId,
    c.reasons ?? null,
  ];
}

/** The comment `packComment` packed, with its HTML, in the import of `source` into `site`. */
export function unpackComment(
  site: string,
  source: ImportSource,
  p: PackedComment,
  sanitize: Sanitize,
): ImportComment {
  return {
    site,
    page: p[0],
    parentSourceId: p[1],
    authorName: p[2],
    authorEmail: p[3],
    authorWebsite: p[4],
    isModerator: p[5] === 1,
    body: p[6],
    html: p[7] === null ? "" : commentHtml(p[6], p[7], sanitize),
    ...(p[8] === null ? {} : { status: p[8] }),
    createdAt: p[9],
    source,
    sourceId: p[10],
    ...(p[11] === null ? {} : { reasons: p[11] }),
  };
}

export function pageRow(site: string, source: ImportSource, page: ParsedPage): ImportPage {
  return {
    site,
    path: page.path,
    title: page.title,
    url: page.url,
    locked: page.locked,
    source,
    sourceId: page.sourceId,
    ...(page.createdAt ? { createdAt: page.createdAt } : {}),
  };
}

/**
 * More `<` and `&` than this in one comment and its markup is shown as the text it is: the
 * sanitizer's time grows with tags and references (and faster with nesting: 3 s for 1 MiB
 * of `<ol><li>`, 2 s for 500,000 `&lt;`), while no comment written by a person has thousands
 * of them. Under it, the sanitizer takes a few milliseconds a comment.
 */
export const MARKUP_MAX = 4096;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it replaces
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|\p{Cs}/gu;

function tooMuchMarkup(text: string): boolean {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 0x3c || c === 0x26) && ++n > MARKUP_MAX) return true;
  }
  return false;
}

/**
 * Text as HTML that shows it as typed, in paragraphs: every `&`, `<`, `>` escaped, and control
 * characters and lone surrogates (which HTML parsers treat specially) replaced by U+FFFD.
 * It holds no tag but `<p>` and `<br />`, so it needs no sanitizer.
 */
function asText(text: string): string {
  return wpautop(text.replace(/[&<>]/g, (c) => ESCAPES[c]!).replace(NOT_TEXT, "\ufffd"));
}

/**
 * A WordPress comment's text (or Disqus HTML) as the HTML Causette serves. Plain text (most
 * comments) and simple markup skip the sanitizer, whose output for them is known (simple-html.ts).
 */
export function commentHtml(body: string, kind: BodyKind, sanitize: Sanitize): string {
  if (kind === "wordpress" && TEXT.test(body)) return wpautop(body.replaceAll(">", "&gt;"));
  if (tooMuchMarkup(body)) return asText(body);
  const html = kind === "wordpress" ? wpautop(body) : body;
  return simpleHtml(html) ?? sanitize(html);
}

/**
 * HTML read back from a Causette export, made safe again: what Causette writes is kept as
 * it is (the fast path gives the sanitizer's bytes), anything else goes through the sanitizer.
 */
export function storedHtml(html: string, sanitize: Sanitize): string {
  return simpleHtml(html) ?? sanitize(html);
}
