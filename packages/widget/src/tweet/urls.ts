/**
 * Finds the URLs X recognises in a post, with or without a scheme, the way twitter-text v3
 * does: the same characters allowed in hosts, paths and queries, the same top-level domains
 * for scheme-less URLs, and the same refusals (a host label over 63 encoded characters, a
 * URL over 4,096 characters, a t.co slug over 40).
 */
import { asciiLabelLengths } from "./punycode.js";
import { CCTLDS, GTLDS } from "./tlds.js";

export interface FoundUrl {
  /** Index of the first UTF-16 unit. */
  start: number;
  /** The URL as X keeps it; X skips `url.length` units from `start`. */
  url: string;
}

// Character classes as X defines them (twitter-text's regexp folder), kept UTF-16 based:
// its expressions have no `u` flag, so a class may match half of a surrogate pair.
const SPACES = "\\x09-\\x0D\\x20\\x85\\xA0\\u1680\\u180E\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";
const INVALID = "\\uFFFE\\uFEFF\\uFFFF";
const DIRECTIONAL = "\\u202A-\\u202E\\u061C\\u200E\\u200F\\u2066-\\u2069";
const PUNCT = "!'#%&()*+,\\\\\\-./:;<=>?@\\[\\]^_{|}~$";
const LATIN =
  "\\xC0-\\xD6\\xD8-\\xF6\\xF8-\\xFF\\u0100-\\u024F\\u0253\\u0254\\u0256\\u0257\\u0259\\u025B\\u0263\\u0268\\u026F\\u0272\\u0289\\u028B\\u02BB\\u0300-\\u036F\\u1E00-\\u1EFF";
const CYRILLIC = "\\u0400-\\u04FF";

const DC = `[^${PUNCT}${SPACES}${INVALID}${DIRECTIONAL}]`;
const TLD = `(?:(?:${GTLDS}|${CCTLDS})(?=[^0-9a-zA-Z@+-]|$)|xn--[\\-0-9a-z]+)`;
const DOMAIN = `(?:(?:${DC}(?:[_-]|${DC})*)?${DC}\\.)*(?:${DC}(?:-|${DC})*)?${DC}\\.${TLD}`;
const PC = `[a-z${CYRILLIC}0-9!*';:=+,.$/%#\\[\\]\\-\\u2013_~@|&${LATIN}]`;
const PARENS = `\\((?:${PC}+|${PC}*\\(${PC}+\\)${PC}*)\\)`;
// As in twitter-text, a bare balanced "(…)" is a path of its own (its alternation is not grouped).
const PATH = `(?:${PC}*(?:${PARENS}${PC}*)*[+\\-a-z${CYRILLIC}0-9=_#/${LATIN}]|${PARENS}|@${PC}+/)`;
const QUERY = "\\?[a-z0-9!?*'@();:&=+$/%#\\[\\]\\-_.,~|]*[a-z0-9\\-_&=#/]";
const BEFORE = `(?:[^A-Za-z0-9@＠$#＃${INVALID}]|[${DIRECTIONAL}]|^)`;

const EXTRACT = new RegExp(
  `(${BEFORE})((https?:\\/\\/)?(${DOMAIN})(?::[0-9]+)?(\\/${PATH}*)?(${QUERY})?)`,
  "gi",
);
const ASCII_DOMAIN = new RegExp(`(?:[\\-a-z0-9${LATIN}]+\\.)+${TLD}`, "gi");
const TCO = new RegExp(`^https?:\\/\\/t\\.co\\/([a-z0-9]+)(?:${QUERY})?`, "i");

const HAS_ASCII_DOMAIN = new RegExp(ASCII_DOMAIN.source, "i");

/**
 * X refuses a host with a label that is empty or over 63 characters once encoded
 * (RFC 1035, RFC 3490), a Punycode host with non-ASCII in it, and a URL over 4,096.
 */
function validUrl(domain: string, url: string, protocol: string): boolean {
  if (domain.startsWith("xn--") && !HAS_ASCII_DOMAIN.test(domain)) return false;
  for (const label of domain.split(".")) {
    const n = asciiLabelLengths(label);
    if (n < 1 || n > 63) return false;
  }
  return protocol.length + url.length <= 4096;
}

/** Every URL of `text` that X shortens to a t.co link (counted 23 whatever its length). */
export function findUrls(text: string): FoundUrl[] {
  const found: FoundUrl[] = [];
  if (!text.includes(".")) return found;
  EXTRACT.lastIndex = 0;
  for (let m = EXTRACT.exec(text); m; m = EXTRACT.exec(text)) {
    const [, before = "", whole = "", protocol, domain = "", path] = m;
    let url = whole;
    const end = EXTRACT.lastIndex;
    const start = end - url.length;
    if (!validUrl(domain, url, protocol || "https://")) continue;
    if (protocol) {
      const tco = TCO.exec(url);
      if (tco) {
        if (tco[1]!.length > 40) continue;
        url = tco[0];
      }
      found.push({ start, url });
      continue;
    }
    // Without a scheme X wants an ASCII host and no "-", "_", ".", "/" just before it.
    if (/[-_./]$/.test(before)) continue;
    let last: FoundUrl | undefined;
    let from = 0;
    for (const ascii of domain.match(ASCII_DOMAIN) ?? []) {
      const at = domain.indexOf(ascii, from);
      from = at + ascii.length;
      last = { start: start + at, url: ascii };
      found.push(last);
    }
    if (last && path) last.url = url.replace(domain, last.url);
  }
  return found;
}
