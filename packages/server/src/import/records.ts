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
 * A comment's fields as the spool keeps them, in this order; site and source are the
 * import's own. Its HTML is not made yet: `unpackComment` makes it when the batch is written
 * (run.ts), a comment at a time between which the server answers readers. `kind` is null for
 * a deleted placeholder.
 */
interface PackedFields {
  page: string;
  parentSourceId: string | null;
  authorName: string;
  authorEmail: string | null;
  authorWebsite: string | null;
  isModerator: 0 | 1;
  body: string;
  kind: BodyKind | null;
  status: ImportComment["status"] | null;
  createdAt: string;
  sourceId: string | null;
  reasons: string[] | null;
}

/** The fields' order in a packed comment: the one list the tuple, packing and unpacking follow. */
const PACKED_FIELDS = [
  "page",
  "parentSourceId",
  "authorName",
  "authorEmail",
  "authorWebsite",
  "isModerator",
  "body",
  "kind",
  "status",
  "createdAt",
  "sourceId",
  "reasons",
] as const;

type Listed = (typeof PACKED_FIELDS)[number];
/** Compiles only while `T` is never: the two lists below must agree field for field. */
type None<T extends never> = T;
export type EveryFieldListed = None<Exclude<keyof PackedFields, Listed>>;
export type NoUnknownFieldListed = None<Exclude<Listed, keyof PackedFields>>;

/** The spool's tuple, derived from PACKED_FIELDS. */
export type PackedComment = {
  -readonly [I in keyof typeof PACKED_FIELDS]: PackedFields[(typeof PACKED_FIELDS)[I] & keyof PackedFields];
};

/** Where each field is in a packed comment. */
export const PACKED_AT = Object.fromEntries(PACKED_FIELDS.map((field, i) => [field, i])) as {
  [K in keyof PackedFields]: number;
};

/** A comment of `page` as a spool line's fields. */
export function packComment(page: string, c: OrderedComment): PackedComment {
  const fields: PackedFields = {
    page,
    parentSourceId: c.parentSourceId,
    authorName: c.authorName,
    authorEmail: c.authorEmail,
    authorWebsite: c.authorWebsite,
    isModerator: c.isModerator ? 1 : 0,
    body: c.body,
    kind: c.status === "deleted" ? null : c.bodyKind,
    status: c.status,
    createdAt: c.createdAt,
    sourceId: c.sourceId,
    reasons: c.reasons ?? null,
  };
  return PACKED_FIELDS.map((field) => fields[field]) as unknown as PackedComment;
}

/** The comment `packComment` packed, with its HTML, in the import of `source` into `site`. */
export function unpackComment(
  site: string,
  source: ImportSource,
  packed: PackedComment,
  sanitize: Sanitize,
): ImportComment {
  // Read in place by position (no object per comment: a large import reads millions).
  const at = <K extends keyof PackedFields>(field: K) => packed[PACKED_AT[field]] as PackedFields[K];
  const body = at("body");
  const kind = at("kind");
  const status = at("status");
  const reasons = at("reasons");
  return {
    site,
    page: at("page"),
    parentSourceId: at("parentSourceId"),
    authorName: at("authorName"),
    authorEmail: at("authorEmail"),
    authorWebsite: at("authorWebsite"),
    isModerator: at("isModerator") === 1,
    body,
    html: kind === null ? "" : commentHtml(body, kind, sanitize),
    ...(status === null ? {} : { status }),
    createdAt: at("createdAt"),
    source,
    sourceId: at("sourceId"),
    ...(reasons === null ? {} : { reasons }),
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
