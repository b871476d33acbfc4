/**
 * WordPress stores a comment as it was typed: HTML fragments with plain line breaks, which
 * its theme turns into paragraphs at display time (`wpautop`). This does the same once, at
 * import: a blank line starts a paragraph, a single newline is a `<br>`, block elements are
 * left as they are. The result still goes through the sanitizer.
 */

// Elements that make their own block: no <p> around them, no <br> right after them.
const BLOCK =
  "address|article|aside|blockquote|caption|dd|details|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|legend|li|menu|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul";
// Blocks whose content is inline text: their text is not wrapped in another <p>.
const TEXT_BLOCK = /^<(?:p|h[1-6]|li|dt|dd|td|th|caption|legend|figcaption|summary|address)[\s>]/i;
const OPEN_OR_CLOSE_AT_START = new RegExp(`^(?:\\s*</?(?:${BLOCK})(?:\\s[^>]*)?/?>)+`, "i");
const OPEN_OR_CLOSE_AT_END = new RegExp(`(?:</?(?:${BLOCK})(?:\\s[^>]*)?/?>\\s*)+$`, "i");

function breaks(text: string): string {
  // `<br />` is how the sanitizer writes it back: the same bytes whichever path ran.
  return text.replace(/\s*\n\s*/g, "<br />\n");
}

const BLOCK_OPEN = new RegExp(`(<(?:${BLOCK})[\\s/>])`, "gi");
const BLOCK_CLOSE = new RegExp(`(</(?:${BLOCK})>)`, "gi");

/**
 * @example wpautop("Hello\nworld\n\nBye") // "<p>Hello<br />\nworld</p>\n<p>Bye</p>"
 */
export function wpautop(text: string): string {
  let t = text.replace(/\r\n?/g, "\n").trim();
  if (!t) return "";
  // <pre> keeps its newlines: set it aside, as placeholders on their own paragraph.
  const pres: string[] = [];
  t = t.replace(/<pre[\s>][\s\S]*?<\/pre>/gi, (m) => `\n\n\uE000${pres.push(m) - 1}\uE001\n\n`);
  if (t.includes("<")) {
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
    const head = OPEN_OR_CLOSE_AT_START.exec(p)?.[0] ?? "";
    const rest = p.slice(head.length);
    const tail = OPEN_OR_CLOSE_AT_END.exec(rest)?.[0] ?? "";
    const middle = rest.slice(0, rest.length - tail.length).trim();
    out.push(`${head.trim()}${middle ? `<p>${breaks(middle)}</p>` : ""}${tail.trim()}`);
  }
  return out.join("\n");
}
