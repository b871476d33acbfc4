/**
 * @module feeds/atom
 * Atom 1.0 (RFC 4287) documents of comments. Every text is the commenters' or the blog's:
 * each goes through `xmlText`, which escapes markup and drops what XML 1.0 forbids, so no
 * value can break the document. A comment's content is its stored HTML — rendered and
 * sanitized when it was written — carried escaped as `type="html"`.
 */
import { createHash } from "node:crypto";
import type { CommentRecord } from "../store/types.js";

/** Characters XML 1.0 does not allow anywhere, even escaped (controls, lone surrogates, U+FFFE/F). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for element content and attribute values. */
export function xmlText(value: string): string {
  return value
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/**
 * A stable, globally unique id (`urn:uuid:`, RFC 9562 version 8) derived from a name: the
 * same comment keeps the same entry id whatever URL the server or the blog moves to.
 */
export function urnFor(name: string): string {
  const b = createHash("sha256").update(`causette:${name}`).digest();
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.subarray(0, 16).toString("hex");
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A link to a comment on its page (`pageUrl#comment-ID`, the widget's anchor), or null. */
export function commentLink(pageUrl: string | null, id: string): string | null {
  if (!pageUrl) return null;
  try {
    const url = new URL(pageUrl);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    url.hash = `comment-${id}`;
    return url.href;
  } catch {
    return null;
  }
}

export interface FeedEntry {
  comment: CommentRecord;
  /** The page's title (or its id), for the entry's title. */
  pageName: string;
  pageUrl: string | null;
}

export interface Feed {
  /** The name `urnFor` turns into the feed's id. */
  idName: string;
  title: string;
  /** The feed's own URL. */
  self: string;
  /** The page (or site) the feed follows, when known. */
  alternate: string | null;
  /** Newest first. */
  entries: FeedEntry[];
  /** When there are no entries: the time to state as `updated`. */
  emptyUpdated: string;
}

const updatedOf = (c: CommentRecord) => c.editedAt ?? c.createdAt;

export function atomFeed(feed: Feed): string {
  const latest = feed.entries.reduce<string | null>((max, e) => {
    const u = updatedOf(e.comment);
    return max === null || u > max ? u : max;
  }, null);
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${urnFor(feed.idName)}</id>`,
    `<title type="text">${xmlText(feed.title)}</title>`,
    `<updated>${xmlText(latest ?? feed.emptyUpdated)}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${xmlText(feed.self)}"/>`,
  ];
  if (feed.alternate) out.push(`<link rel="alternate" type="text/html" href="${xmlText(feed.alternate)}"/>`);
  out.push('<generator uri="https://github.com/causette/causette">Causette</generator>');
  for (const { comment: c, pageName, pageUrl } of feed.entries) {
    const name = c.authorName.trim() || "Anonymous";
    const link = commentLink(pageUrl, c.id);
    out.push(
      "<entry>",
      `<id>${urnFor(`comment:${c.site}:${c.id}`)}</id>`,
      `<title type="text">${xmlText(`${name} on ${pageName}`)}</title>`,
      `<published>${xmlText(c.createdAt)}</published>`,
      `<updated>${xmlText(updatedOf(c))}</updated>`,
      `<author><name>${xmlText(name)}</name>${c.authorWebsite ? `<uri>${xmlText(c.authorWebsite)}</uri>` : ""}</author>`,
    );
    if (link) out.push(`<link rel="alternate" type="text/html" href="${xmlText(link)}"/>`);
    out.push(`<content type="html">${xmlText(c.html)}</content>`, "</entry>");
  }
  out.push("</feed>", "");
  return out.join("\n");
}
