/** Small, strict cleaners for the fields of an export: dates, URLs, e-mails, names, page ids. */
import { LIMITS } from "@causette/types";

const WP_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** `2014-01-14 17:32:12` (WordPress, UTC) → ISO 8601; null for `0000-00-00 …` or garbage. */
export function wpDateToIso(value: string): string | null {
  const m = WP_DATE.exec(value.trim());
  if (!m || m[1] === "0000") return null;
  const [, y, mo, d, h, mi, s] = m as unknown as string[];
  // A date that exists in every month is its own ISO form, without a Date to build and print
  // (1.1 → 0.2 µs a date). Two digits compare as their numbers.
  if (mo! >= "01" && mo! <= "12" && d! >= "01" && d! <= "28" && h! <= "23" && mi! <= "59" && s! <= "59")
    return `${y}-${mo}-${d}T${h}:${mi}:${s}.000Z`;
  // The rest as Date reads them (it moves 2021-02-30 to March 1st, and refuses month 13).
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An ISO 8601 date with a zone (Disqus) → normalized ISO 8601 UTC; null when unreadable. */
export function isoDate(value: string): string | null {
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** An author's website: kept only when it is an absolute http(s) URL within the limit. */
export function httpUrl(value: string): string | null {
  const text = value.trim();
  if (!text) return null;
  try {
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.href.length <= LIMITS.websiteMax ? url.href : null;
  } catch {
    return null;
  }
}

/** An e-mail address, trimmed; null when it does not look like one. */
export function email(value: string): string | null {
  const text = value.trim();
  return text.length <= LIMITS.emailMax && /^[^\s@]+@[^\s@]+$/.test(text) ? text : null;
}

// The named references WordPress writes into names and titles (wptexturize, esc_html).
const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  laquo: "«",
  raquo: "»",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
};

/**
 * Plain text from a field WordPress may have stored HTML-escaped (`What&#8217;s` →
 * `What’s`). The result is text: the widget never renders a name or a title as HTML.
 */
export function decodeEntities(value: string): string {
  if (!value.includes("&")) return value;
  return value.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (m, ref: string) => {
    if (ref[0] !== "#") return NAMED[ref.toLowerCase()] ?? m;
    const code = ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : m;
  });
}

/** Entities decoded, control characters dropped, whitespace collapsed, cut to `max` code points. */
export function oneLine(value: string, max: number): string {
  const text = decodeEntities(value)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  // No more UTF-16 units than `max`, so no more code points: most names, without a copy.
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : points.slice(0, max).join("").trimEnd();
}

/**
 * The page id the widget derives from a URL (DESIGN.md): the pathname, without query or
 * hash, `index.html` dropped, the trailing slash kept as written. Null when `url` is not an
 * absolute http(s) URL.
 *
 * @example pageIdFromUrl("https://blog.example/2016/08/post/index.html?utm=x") // "/2016/08/post/"
 */
export function pageIdFromUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  const path = parsed.pathname.replace(/\/index\.html$/, "/");
  return path.length <= LIMITS.pageIdMax ? path : null;
}
