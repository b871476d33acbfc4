import twitter from "twitter-text";
import { describe, expect, it } from "vitest";
import { emojiPattern, tweetLength, weightedLength } from "./length.js";
import { lengthBound } from "./weight.js";

// twitter-text@3.1.0 (a devDependency, never shipped) is X's own counter: over thousands of
// generated posts ours must agree with it exactly.

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Emoji X's parser (Twemoji 11) knows as sequences; newer ones are tested separately below.
const EMOJI = [
  "😀",
  "😷",
  "🔥",
  "💩",
  "🤪",
  "🐱",
  "❤",
  "❤️",
  "☺",
  "✨",
  "👍🏽",
  "✊🏿",
  "☝🏻",
  "🧕🏾",
  "👩🏽‍💻",
  "👨‍👩‍👧‍👦",
  "👪",
  "🤷‍♀️",
  "🏳️‍🌈",
  "👨‍🎤",
  "🇫🇷",
  "🇯🇵",
  "🇨🇦",
  "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
  "1️⃣",
  "1⃣",
  "#⃣",
  "*️⃣",
  "↔️",
  "™",
  "©",
  "®",
];
const WORDS = [
  "le",
  "choix",
  "stratégique",
  "organiser",
  "ventes",
  "the",
  "quick",
  "fox",
  "#blog",
  "@selma",
  "déjà",
  "e\u0301te\u0301",
  "A\u030A",
  "naïve",
  "Привет",
  "мир",
  "مرحبا",
  "שלום",
  "故人西辞",
  "黄鹤楼",
  "あいうえお",
  "한국어",
  "…",
  "\u202F",
  "—",
  "«",
  "»",
  "’",
  "\u00A0",
  "\u200B",
  "ﬁ",
  "Ω",
  "x".repeat(40),
];
const TLDS = [
  "com",
  "fr",
  "co.uk",
  "io",
  "dev",
  "org",
  "net",
  "de",
  "xyz",
  "blog",
  "paris",
  "co",
  "zz",
  "local",
];
const PATHS = [
  "",
  "/",
  "/2016/08/post/",
  "/a_(b)",
  "/search?q=x&y=1",
  "?utm=1",
  "/é",
  "/path.",
  "#frag",
  ":8080/x",
];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function url(rnd: () => number): string {
  const scheme = pick(rnd, ["", "", "http://", "https://", "HTTPS://", "www."]);
  const host = pick(rnd, [
    "example",
    "sous.domaine.example",
    "t",
    "a-b",
    "x".repeat(70),
    "bücher",
    "例え",
    "xn--bcher-kva",
  ]);
  return `${scheme + host}.${pick(rnd, TLDS)}${pick(rnd, PATHS)}`;
}

function post(rnd: () => number): string {
  const parts: string[] = [];
  const n = 1 + Math.floor(rnd() * 40);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.45) parts.push(pick(rnd, WORDS));
    else if (r < 0.65) parts.push(pick(rnd, EMOJI));
    else if (r < 0.85) parts.push(url(rnd));
    else parts.push(String.fromCharCode(32 + Math.floor(rnd() * 95)));
    parts.push(pick(rnd, [" ", " ", " ", "", "\n", ", ", ". ", "(", ")", "-", "/", "@"]));
  }
  return parts.join("");
}

/**
 * Generates `count` posts from `seed` and describes the first five on which `ours` and X's
 * count are not `agree` (equal, by default).
 */
function disagreements(
  seed: number,
  count: number,
  ours: (text: string) => number,
  agree = (got: number, exact: number) => got === exact,
  sign = "≠",
): string[] {
  const rnd = prng(seed);
  const found: string[] = [];
  for (let i = 0; i < count; i++) {
    const text = post(rnd);
    const exact = twitter.parseTweet(text).weightedLength;
    const got = ours(text);
    if (!agree(got, exact)) found.push(`${JSON.stringify(text)}: ${got} ${sign} ${exact}`);
  }
  return found.slice(0, 5);
}

describe("tweetLength agrees with twitter-text@3.1.0", () => {
  it("on 3,000 generated posts (ASCII, accents, combining marks, CJK, RTL, emoji, URLs)", () => {
    expect(disagreements(20260828, 3000, tweetLength)).toEqual([]);
  }, 30_000);

  it.each([
    ["a scheme-less URL", "read example.com now"],
    ["a URL with a long path", `see https://example.com/${"a".repeat(300)}`],
    ["a t.co link with a path after the slug", "https://t.co/abc123/more"],
    ["a host label over 63 characters", `http://${"a".repeat(64)}.com`],
    ["an unknown TLD", "example.zz and example.local"],
    ["a URL right after a letter", "abcexample.com"],
    ["a URL after a slash", "/example.com"],
    ["a balanced parenthesis in a path", "https://en.wikipedia.org/wiki/Pie_(disambiguation)."],
    ["an e-mail address", "write to me@example.com"],
  ])("on %s", (_, text) => {
    expect(tweetLength(text)).toBe(twitter.parseTweet(text).weightedLength);
  });
});

describe("on engines without the RegExp v flag (Safari < 17, Firefox < 116)", () => {
  it("the fallback emoji grammar agrees with twitter-text@3.1.0 on 1,000 generated posts", () => {
    const fallback = emojiPattern(false);
    expect(fallback.flags).not.toContain("v");
    expect(disagreements(1234, 1000, (text) => weightedLength(text, fallback))).toEqual([]);
  }, 30_000);
});

describe("where X moved on since twitter-text 3.1.0", () => {
  it("counts an emoji sequence of Unicode 12 or later as one (2), as every RGI sequence", () => {
    expect(tweetLength("🧑‍🤝‍🧑")).toBe(2);
    expect(tweetLength("🏳️‍⚧️")).toBe(2);
  });
  it("still counts a join of two emoji that Unicode does not recommend as its parts", () => {
    expect(tweetLength("👨‍🐱")).toBe(twitter.parseTweet("👨‍🐱").weightedLength);
  });
});

describe("lengthBound, the check that leaves the exact counter unfetched", () => {
  it("is never below X's count, on 3,000 generated posts", () => {
    expect(disagreements(77, 3000, lengthBound, (bound, exact) => bound >= exact, "<")).toEqual([]);
  }, 30_000);

  it.each([
    "read example.com now",
    "a.co,b.co;c.fr",
    "Hebrew presentation forms grow under NFC: \uFB2C\uFB2C",
    "keycaps 1️⃣ #⃣, flags 🇫🇷, families 👨‍👩‍👧‍👦, © ®",
    "https://t.co/abc123/more",
  ])("holds on %j", (text) => {
    expect(lengthBound(text)).toBeGreaterThanOrEqual(twitter.parseTweet(text).weightedLength);
  });

  it("is exact for prose without dots inside words, so that ordinary quotes need no counter", () => {
    const quote = "Mieux que s’organiser : passer de choix par défaut à des choix stratégiques ! Fin. Début";
    expect(lengthBound(quote)).toBe(twitter.parseTweet(quote).weightedLength);
  });
});
