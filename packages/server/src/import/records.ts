/** Turns the neutral model into the rows the store's `importBatch` takes. */
import type { ImportComment, ImportPage } from "../store/types.js";
import type { ImportSource, ParsedPage, Sanitize } from "./model.js";
import { simpleHtml, TEXT } from "./simple-html.js";
import type { OrderedComment } from "./thread.js";
import { wpautop } from "./wpautop.js";

/**
 * One line of a spool: a page, or a comment of a page written before it. A comment is an
 * array of its fields (packComment): without the names, the spool is a third smaller, and
 * writing and reading it back cost as much less.
 */
export type SpoolRecord = { page: ImportPage } | PackedComment;

/** A comment's fields in this order; site and source are the import's own. */
export type PackedComment = [
  page: string,
  parentSourceId: string | null,
  authorName: string,
  authorEmail: string | null,
  authorWebsite: string | null,
  isModerator: 0 | 1,
  body: string,
  html: string | null,
  status: ImportComment["status"] | null,
  createdAt: string,
  sourceId: string | null,
];

export function packComment(c: ImportComment): PackedComment {
  return [
    c.page,
    c.parentSourceId ?? null,
    c.authorName,
    c.authorEmail ?? null,
    c.authorWebsite ?? null,
    c.isModerator ? 1 : 0,
    c.body,
    c.html ?? null,
    c.status ?? null,
    c.createdAt,
    c.sourceId ?? null,
  ];
}

/** The comment `packComment` packed, in the import of `source` into `site`. */
export function unpackComment(site: string, source: ImportSource, p: PackedComment): ImportComment {
  return {
    site,
    page: p[0],
    parentSourceId: p[1],
    authorName: p[2],
    authorEmail: p[3],
    authorWebsite: p[4],
    isModerator: p[5] === 1,
    body: p[6],
    ...(p[7] === null ? {} : { html: p[7] }),
    ...(p[8] === null ? {} : { status: p[8] }),
    createdAt: p[9],
    source,
    sourceId: p[10],
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
 * A WordPress comment's text (or Disqus HTML) as the HTML Causette serves. Plain text (most
 * comments) and simple markup skip the sanitizer, whose output for them is known (simple-html.ts).
 */
export function commentHtml(body: string, kind: "wordpress" | "html", sanitize: Sanitize): string {
  if (kind === "html") return simpleHtml(body) ?? sanitize(body);
  if (TEXT.test(body)) return wpautop(body.replaceAll(">", "&gt;"));
  const html = wpautop(body);
  return simpleHtml(html) ?? sanitize(html);
}

/** A comment row; its HTML is made here, once (through the sanitizer unless it is plain text or simple markup). */
export function commentRow(
  site: string,
  source: ImportSource,
  page: string,
  c: OrderedComment,
  sanitize: Sanitize,
): ImportComment {
  const html = c.status === "deleted" ? "" : commentHtml(c.body, c.bodyKind, sanitize);
  return {
    site,
    page,
    parentSourceId: c.parentSourceId,
    authorName: c.authorName,
    authorEmail: c.authorEmail,
    authorWebsite: c.authorWebsite,
    isModerator: c.isModerator,
    body: c.body,
    html,
    status: c.status,
    createdAt: c.createdAt,
    source,
    sourceId: c.sourceId,
  };
}
