/**
 * Which export a file is, from its first bytes: a Causette export is a JSON object; a
 * WordPress export's root element is `<rss>`, a Disqus export's `<disqus>`. What the admin
 * page's upload runs when asked to detect the format, or to check the one chosen.
 */
import { open } from "node:fs/promises";

export type ExportFormat = "wordpress" | "disqus" | "json";

const ROOTS = new Map<string, ExportFormat>([
  ["rss", "wordpress"],
  ["disqus", "disqus"],
]);

/** Bytes read: the XML declaration, a doctype and comments fit many times over. */
const HEAD_BYTES = 16 * 1024;

/** The text of the first bytes of a file, decoded as the XML worker decodes it (xml-worker.ts). */
function decodeHead(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  if (bytes[0] === 0x3c && bytes[1] === 0) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0 && bytes[1] === 0x3c) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder("utf-8").decode(bytes);
}

/**
 * The format of an export from its beginning, or null when it is none of them.
 *
 * @example sniffFormat('<?xml version="1.0"?>\n<!-- export -->\n<disqus xmlns="…">') // "disqus"
 */
export function sniffFormat(head: string): ExportFormat | null {
  let at = 0;
  for (;;) {
    while (at < head.length && /[\s\uFEFF]/.test(head[at]!)) at++;
    if (head[at] === "{") return "json";
    if (head[at] !== "<") return null;
    // Skip what may come before the root element: declarations, comments, a doctype.
    const ends = head.startsWith("<?", at)
      ? "?>"
      : head.startsWith("<!--", at)
        ? "-->"
        : head.startsWith("<!", at)
          ? ">"
          : null;
    if (ends === null) break;
    const end = head.indexOf(ends, at);
    if (end < 0) return null;
    at = end + ends.length;
  }
  const name = /^<(?:[\w.-]+:)?([\w.-]+)/.exec(head.slice(at, at + 256))?.[1];
  return name === undefined ? null : (ROOTS.get(name) ?? null);
}

/** The format of the export in `file`, from its first bytes. */
export async function sniffFile(file: string): Promise<ExportFormat | null> {
  const handle = await open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0);
    return sniffFormat(decodeHead(buffer.subarray(0, bytesRead)));
  } finally {
    await handle.close();
  }
}

/** What each format is, in words, and its name in the admin page's list of formats. */
export const FORMAT_NAMES: Record<ExportFormat, { what: string; label: string }> = {
  wordpress: { what: "a WordPress export", label: "WordPress" },
  disqus: { what: "a Disqus export", label: "Disqus" },
  json: { what: "a Causette export", label: "Causette export" },
};
