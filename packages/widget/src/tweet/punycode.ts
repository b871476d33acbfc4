/**
 * The length a domain label takes once IDNA-encoded ("xn--…", RFC 3492), without building
 * the string: X refuses a URL whose host has a label longer than 63 encoded characters.
 */
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / 700) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + 38));
}

/** Code points of `s`, with lone surrogates kept as their own values (as UCS-2 decoders do). */
function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

/** Number of characters RFC 3492 emits for `label` (basic part, delimiter and deltas). */
export function punycodeLength(label: string): number {
  const input = codePoints(label);
  const basic = input.filter((c) => c < 0x80).length;
  let length = basic + (basic > 0 ? 1 : 0);
  let handled = basic;
  let n = 0x80;
  let delta = 0;
  let bias = 72;
  while (handled < input.length) {
    let m = Number.MAX_SAFE_INTEGER;
    for (const c of input) if (c >= n && c < m) m = c;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of input) {
      if (c < n) delta++;
      if (c === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
          if (q < t) break;
          length++;
          q = Math.floor((q - t) / (BASE - t));
        }
        length++;
        bias = adapt(delta, handled + 1, handled === basic);
        delta = 0;
        handled++;
      }
    }
    delta++;
    n++;
  }
  return length;
}

/**
 * Length of a label as IDNA's ToASCII writes it: unchanged when printable ASCII, else
 * "xn--" and its Punycode. The ideographic full stops count as dots (RFC 3490 §3.1).
 */
export function asciiLabelLengths(label: string): number {
  let total = 0;
  const parts = label.split(/[.\u3002\uFF0E\uFF61]/);
  for (const part of parts) total += /[^\x20-\x7e]/.test(part) ? 4 + punycodeLength(part) : part.length;
  return total + parts.length - 1;
}
