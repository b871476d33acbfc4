/**
 * WordPress stores a comment as it was typed: HTML fragments with plain line breaks, which
 * its theme turns into paragraphs at display time (`wpautop`). This does the same once, at
 * import: a blank line starts a paragraph, a single newline is a `<br>`, block elements are
 * left as they are. The result still goes through the sanitizer.
 *
 * Comment text is hostile, so every step here is linear in its length: no pattern that can
 * backtrack over the rest of the text from each position (`(?:…)+$` over `</p x</p x…` was
 * quadratic: 20 s for 256 KB), and no search that starts again from each `<` when there is
 * no `>` left to find.
 */

// Elements that make their own block: no <p> around them, no <br> right after them.
const BLOCK =
  "address|article|aside|blockquote|caption|dd|details|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|legend|li|menu|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul";
// Blocks whose content is inline text: their text is not wrapped in another <p>.
const TEXT_BLOCK = /^<(?:p|h[1-6]|li|dt|dd|td|th|caption|legend|figcaption|summary|address)[\s>]/i;
/** One whole tag (from `<` to its `>`, nothing after) that opens or closes a block. */
const BLOCK_TAG = new RegExp(`^</?(?:${BLOCK})(?:\\s[^>]*)?/?>$`, "i");
const BLOCK_OPEN = new RegExp(`(<(?:${BLOCK})[\\s/>])`, "gi");
const BLOCK_CLOSE = new RegExp(`(</(?:${BLOCK})>)`, "gi");
const PRE_OPEN = /<pre[\s>]/gi;
const PRE_CLOSE = /<\/pre>/gi;
const SPACE = /\s/;

/**
 * Each newline, with the white space around it, becomes `<br />` and a newline: `<br />` is
 * how the sanitizer writes it back, the same bytes whichever path ran. (Split and trimmed
 * rather than `/\s*\n\s*\/g`, which tries the whole run of spaces from each space in it.)
 */
function breaks(text: string): string {
  if (!text.includes("\n")) return text;
  const lines = text.split("\n");
  const last = lines.length - 1;
  return lines
    .map((line, i) => (i === 0 ? line.trimEnd() : i === last ? line.trimStart() : line.trim()))
    .join("<br />\n");
}

/**
 * Newlines inside tags become spaces, so that `<a\nhref="…">` stays a link rather than
 * getting a `<br />` (or a paragraph break) in the middle of its tag. A tag is `<` then a
 * letter, `/` or `!`, up to the next `>`; `a < b` is text.
 */
function joinTagLines(text: string): string {
  if (!text.includes("\n") || !text.includes("<")) return text;
  const out: string[] = [];
  let at = 0;
  for (let lt = text.indexOf("<"); lt >= 0; lt = text.indexOf("<", at)) {
    const next = text.charCodeAt(lt + 1);
    const letter = (next | 0x20) >= 0x61 && (next | 0x20) <= 0x7a;
    if (!letter && next !== 0x2f && next !== 0x21) {
      out.push(text.slice(at, lt + 1));
      at = lt + 1;
      continue;
    }
    const gt = text.indexOf(">", lt);
    // No `>` after this `<`: none after any later one either; the rest is text.
    if (gt < 0) break;
    out.push(text.slice(at, lt), text.slice(lt, gt + 1).replace(/\n/g, " "));
    at = gt + 1;
  }
  out.push(text.slice(at));
  return out.join("");
}

/** Where the run of block tags (and white space) at the start of `p` ends. */
function blockTagsAtStart(p: string): number {
  let end = 0;
  let at = 0;
  for (;;) {
    while (at < p.length && SPACE.test(p[at]!)) at++;
    if (p[at] !== "<") return end;
    const gt = p.indexOf(">", at);
    if (gt < 0 || !BLOCK_TAG.test(p.slice(at, gt + 1))) return end;
    at = end = gt + 1;
  }
}

/** Where the run of block tags (and white space) at the end of `p`, from `from` on, starts. */
function blockTagsAtEnd(p: string, from: number): number {
  let start = p.length;
  let at = p.length;
  for (;;) {
    while (at > from && SPACE.test(p[at - 1]!)) at--;
    if (at <= from || p[at - 1] !== ">") return start;
    // The tag runs from the first `<` after the previous `>`, as a browser reads it.
    const lt = p.indexOf("<", Math.max(from, p.lastIndexOf(">", at - 2) + 1));
    if (lt < 0 || lt >= at || !BLOCK_TAG.test(p.slice(lt, at))) return start;
    at = start = lt;
  }
}

/**
 * `<pre>` keeps its newlines: each block is set aside, as a placeholder on a paragraph of
 * its own. One search forward for each end: once no `</pre>` is left, no later `<pre>` has one.
 */
function setPresAside(text: string, pres: string[]): string {
  const out: string[] = [];
  let at = 0;
  PRE_OPEN.lastIndex = 0;
  for (let open = PRE_OPEN.exec(text); open; open = PRE_OPEN.exec(text)) {
    PRE_CLOSE.lastIndex = open.index;
    const close = PRE_CLOSE.exec(text);
    if (!close) break;
    const end = close.index + close[0].length;
    out.push(text.slice(at, open.index), `\n\n\uE000${pres.push(text.slice(open.index, end)) - 1}\uE001\n\n`);
    at = PRE_OPEN.lastIndex = end;
  }
  out.push(text.slice(at));
  return out.join("");
}

/**
 * @example wpautop("Hello\nworld\n\nBye") // "<p>Hello<br />\nworld</p>\n<p>Bye</p>"
 */
export function wpautop(text: string): string {
  let t = text.replace(/\r\n?/g, "\n").trim();
  if (!t) return "";
  t = joinTagLines(t);
  const pres: string[] = [];
  if (t.includes("<")) {
    t = setPresAside(t, pres);
    t = t.replace(BLOCK_OPEN, "\n\n$1");
    t = t.replace(BLOCK_CLOSE, "$1\n\n");
  }
  const out: string[] = [];
  for (const chunk of t.split(/\n\s*\n/)) {
    const p = chunk.trim();
    if (!p) continue;
    const pre = /^\uE000(\d+)\uE001$/.exec(p);
    if (pre) {
      out.push(pres[Number(pre[1])] ?? "");
      continue;
    }
    if (!p.includes("<")) {
      out.push(`<p>${breaks(p)}</p>`);
      continue;
    }
    if (TEXT_BLOCK.test(p)) {
      out.push(breaks(p));
      continue;
    }
    const headEnd = blockTagsAtStart(p);
    const tailStart = blockTagsAtEnd(p, headEnd);
    const middle = p.slice(headEnd, tailStart).trim();
    out.push(
      `${p.slice(0, headEnd).trim()}${middle ? `<p>${breaks(middle)}</p>` : ""}${p.slice(tailStart).trim()}`,
    );
  }
  return out.join("\n");
}
