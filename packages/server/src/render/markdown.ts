/**
 * @module render/markdown
 * Comment Markdown to safe HTML, once, at write time: markdown-it with raw HTML off and
 * linkify on, then an allowlist sanitizer. The widget inserts only this output.
 */
import { createRequire } from "node:module";
import type MarkdownIt from "markdown-it";
import type sanitizeHtml from "sanitize-html";

// The renderer and the sanitizer (with PostCSS) weigh ~15 MiB of memory: they are loaded on
// the first write, so a server that only reads — or only just started — does not pay for them.
const require = createRequire(import.meta.url);
let md: InstanceType<typeof MarkdownIt> | null = null;
let sanitizer: typeof sanitizeHtml | null = null;

function markdownIt(): InstanceType<typeof MarkdownIt> {
  if (!md) {
    const MarkdownItClass: typeof MarkdownIt = require("markdown-it");
    md = new MarkdownItClass({ html: false, linkify: true, breaks: true, typographer: false });
    // Comments are conversation, not documents: no images (tracking pixels), headings or tables.
    md.disable(["image", "heading", "lheading", "table"]);
  }
  return md;
}

function sanitize(): typeof sanitizeHtml {
  sanitizer ??= require("sanitize-html") as typeof sanitizeHtml;
  return sanitizer;
}

export const LINK_REL = "nofollow ugc noopener noreferrer";

// Whether sanitize-html will keep this href (an allowed scheme, or a relative URL): a link
// it refuses loses its rel too, so sanitizing twice changes nothing (imports, and the JSON
// round trip, sanitize HTML that was sanitized before).
function linkKept(href: string | undefined): boolean {
  const text = href?.trim() ?? "";
  if (!text || text.startsWith("//")) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  return !scheme || ["http", "https", "mailto"].includes(scheme[1]!.toLowerCase());
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "em",
    "strong",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "hr",
  ],
  allowedAttributes: { a: ["href", "rel"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    a: (tagName, attribs): sanitizeHtml.Tag => ({
      tagName,
      attribs: linkKept(attribs.href)
        ? { href: attribs.href!, rel: LINK_REL }
        : ({} as sanitizeHtml.Attributes),
    }),
    b: "strong",
    i: "em",
    strike: "del",
  },
  // A link whose href was refused keeps its text but is no longer a link.
  exclusiveFilter: (frame) => frame.tag === "a" && !frame.attribs.href && frame.text.trim() === "",
};

/**
 * Cleans HTML with the allowlist of rendered comments.
 *
 * @example sanitizeCommentHtml('<p onclick="x()">hi<script>1</script></p>') // "<p>hi</p>"
 */
/**
 * A link whose href the sanitizer refused is left as a bare `<a>` (no href, no rel): it is no
 * link at all, so only its text stays. Bare `<a>` is only ever such a leftover.
 */
function unlinkRefused(html: string): string {
  return html.includes("<a>") ? html.replace(/<a>([\s\S]*?)<\/a>/g, "$1") : html;
}

export function sanitizeCommentHtml(html: string): string {
  return unlinkRefused(sanitize()(html, OPTIONS).trim());
}

/**
 * What imported comments keep beyond a new comment's markup: years of WordPress and Disqus
 * comments use it, and flattened it reads wrong ("H2O", a table as run-on text). Markdown
 * written in Causette cannot produce any of it (no raw HTML, no tables or headings).
 * Headings become bold paragraphs: a comment's title must not enter the page's outline.
 */
const LEGACY_TAGS = [
  "sub",
  "sup",
  "table",
  "caption",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "th",
  "td",
  "dl",
  "dt",
  "dd",
];
const HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"];

const IMPORT_OPTIONS: sanitizeHtml.IOptions = {
  ...OPTIONS,
  allowedTags: [...(OPTIONS.allowedTags as string[]), ...LEGACY_TAGS, ...HEADINGS],
  // Merged cells keep a table readable; nothing else of a cell's attributes is kept.
  allowedAttributes: { ...OPTIONS.allowedAttributes, th: ["colspan", "rowspan"], td: ["colspan", "rowspan"] },
};

const HEADING_TAG = /<(\/?)h[1-6]>/g;

/**
 * Cleans HTML from an import (WordPress, Disqus, a Causette export): the comments' allowlist
 * and the legacy markup above.
 *
 * @example sanitizeImportedHtml("<h2>Note</h2><p>H<sub>2</sub>O</p>")
 * // "<p><strong>Note</strong></p><p>H<sub>2</sub>O</p>"
 */
export function sanitizeImportedHtml(html: string): string {
  const clean = unlinkRefused(sanitize()(html, IMPORT_OPTIONS).trim());
  // The sanitizer writes headings as bare `<hN>`…`</hN>`, always closed: each becomes a
  // bold paragraph by a plain replacement.
  return clean.includes("<h")
    ? clean.replace(HEADING_TAG, (_, close) => (close ? "</strong></p>" : "<p><strong>"))
    : clean;
}

/**
 * Renders a comment's Markdown to sanitized HTML.
 *
 * @example renderMarkdown("*hi* https://example.org")
 * // '<p><em>hi</em> <a href="https://example.org" rel="nofollow ugc noopener noreferrer">https://example.org</a></p>'
 */
export function renderMarkdown(markdown: string): string {
  return sanitizeCommentHtml(markdownIt().render(markdown));
}

/** Keeps an author's website only when it is an absolute http(s) URL. */
export function cleanWebsite(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  try {
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.href;
  } catch {
    return null;
  }
}
