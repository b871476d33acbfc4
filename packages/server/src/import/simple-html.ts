/**
 * What the server's sanitizer (render/markdown.ts) makes of the markup most comments carry —
 * paragraphs, line breaks, emphasis and plain http(s) links — computed without parsing the
 * HTML, and so what it makes of its own output (HTML read back from an export). Anything else
 * (another tag or attribute, an entity but `&amp;`, `&lt;` and `&gt;`, a tag left open, a
 * control character) returns null and goes through the sanitizer itself. A test compares
 * both on many generated strings: where this answers, it answers the sanitizer's bytes.
 */
import { LINK_REL } from "../render/markdown.js";

/**
 * Text without markup: no entity (the sanitizer decodes and re-encodes them), no stray `<`,
 * no control or non-character (the sanitizer's parser treats some of them specially). What
 * the sanitizer makes of such text is known byte for byte.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rules out
export const TEXT = /^[^<&\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff\ud800-\udfff]*$/;

// The tags taken as they are, and what the sanitizer writes for them (`b` and `i` are renamed).
const INLINE: Record<string, string> = {
  em: "em",
  strong: "strong",
  b: "strong",
  i: "em",
  code: "code",
  del: "del",
  s: "s",
};

/**
 * The three references the sanitizer writes (`&amp;`, `&lt;`, `&gt;`, which it decodes and
 * writes back the same): text that is what TEXT allows once they are taken out — HTML that
 * Causette stored, read back from an export — takes the fast path too. (One pattern of
 * "a character or a reference" repeated backtracks once per character, and V8's stack
 * overflows on a text of some millions of them.)
 */
const REFERENCES = /&(?:amp|lt|gt);/g;

// One tag, exactly as written here: lowercase, no other attribute, no space inside. An href
// is an absolute http(s) URL of URL characters only (no quote, no `&`, no space, no `<>`);
// a link may carry the rel the sanitizer gives every link (as in HTML it wrote).
const TAG = new RegExp(
  String.raw`<(?:(p|em|strong|b|i|code|del|s)>|\/(p|em|strong|b|i|code|del|s|a)>|(br \/)>|a href="(https?:\/\/[A-Za-z0-9\-._~:/?#@!$'()*+,;=%]+)"(?: rel="${LINK_REL}")?>)`,
  "y",
);

/**
 * @example simpleHtml('<p>Hi <a href="https://x.example/">you</a> > me</p>')
 * // '<p>Hi <a href="https://x.example/" rel="nofollow ugc noopener noreferrer">you</a> &gt; me</p>'
 */
export function simpleHtml(html: string): string | null {
  const open: string[] = [];
  let out = "";
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf("<", at);
    const text = lt < 0 ? html.slice(at) : html.slice(at, lt);
    if (text) {
      if (!TEXT.test(text) && !(text.includes("&") && TEXT.test(text.replace(REFERENCES, "")))) return null;
      out += text.includes(">") ? text.replaceAll(">", "&gt;") : text;
    }
    if (lt < 0) break;
    TAG.lastIndex = lt;
    const m = TAG.exec(html);
    if (!m) return null;
    at = TAG.lastIndex;
    const [, opening, closing, br, href] = m;
    if (opening !== undefined) {
      // A paragraph only at the top; no element inside one of its own kind.
      if (opening === "p" ? open.length > 0 : open.includes(opening)) return null;
      open.push(opening);
      out += opening === "p" ? "<p>" : `<${INLINE[opening]}>`;
    } else if (closing !== undefined) {
      if (open.pop() !== closing) return null;
      out += closing === "p" || closing === "a" ? `</${closing}>` : `</${INLINE[closing]}>`;
    } else if (br !== undefined) {
      out += "<br />";
    } else {
      if (open.includes("a")) return null;
      open.push("a");
      out += `<a href="${href}" rel="${LINK_REL}">`;
    }
  }
  return open.length ? null : out.trim();
}
