import twitter from "twitter-text";
import { describe, expect, it } from "vitest";
import { composeTweet, fitTweet } from "./compose.js";
import { tweetLength } from "./length.js";
import { graphemeCount, shorten } from "./shorten.js";
import { tweetText } from "./text.js";

const URL_ = "https://blog.example/2016/08/arreter-de-s-organiser/";
const params = (href: string) => new URL(href).searchParams;

describe("composeTweet", () => {
  it("keeps a short quote whole and encodes every part", () => {
    const href = composeTweet({
      text: "Q&A: 100% #not-a-tag? «oui» 👍🏽",
      url: `${URL_}?a=1&b=2`,
      via: "@selma",
      hashtags: ["#strategie", "ventes"],
      related: ["causette"],
    });
    expect(href.startsWith("https://x.com/intent/tweet?text=Q%26A%3A%20100%25%20%23not-a-tag%3F")).toBe(true);
    const p = params(href);
    expect(p.get("text")).toBe("Q&A: 100% #not-a-tag? «oui» 👍🏽");
    expect(p.get("url")).toBe(`${URL_}?a=1&b=2`);
    expect(p.get("via")).toBe("selma");
    expect(p.get("hashtags")).toBe("strategie,ventes");
    expect(p.get("related")).toBe("causette");
  });

  it("shortens a long quote at a word boundary so that text, URL, hashtags and via fit 280", () => {
    const words =
      "Une conversation commerciale ne peut être intéressante pour l'autre que si tu lui permets d'y participer.";
    const text = `${words} ${words} ${words}`;
    const opts = { text, url: URL_, via: "selma", hashtags: ["vente"] };
    const fitted = params(composeTweet(opts)).get("text")!;
    expect(fitted.endsWith("…")).toBe(true);
    const kept = fitted.slice(0, -1);
    expect(text.startsWith(kept)).toBe(true);
    expect(text[kept.length]).toMatch(/[\s.,']/);
    const full = tweetText({ ...opts, text: fitted });
    expect(tweetLength(full)).toBeLessThanOrEqual(280);
    expect(twitter.parseTweet(full).weightedLength).toBeLessThanOrEqual(280);
    // It is the longest such cut: one more word would not fit.
    const next = text.slice(0, text.indexOf(" ", kept.length + 1));
    expect(tweetLength(tweetText({ ...opts, text: `${next}…` }))).toBeGreaterThan(280);
  });

  it("counts CJK as 2 and cuts between words", () => {
    const text = "故人西辞黄鹤楼，烟花三月下扬州。".repeat(12);
    const fitted = fitTweet({ text, url: URL_ });
    expect(tweetLength(`${fitted} ${URL_}`)).toBeLessThanOrEqual(280);
    expect(tweetLength(`${fitted} ${URL_}`)).toBeGreaterThan(270);
    expect(text.startsWith(fitted.slice(0, -1))).toBe(true);
  });

  it("never splits an emoji sequence, a flag or a letter and its accent", () => {
    for (const unit of ["👨‍👩‍👧‍👦", "🇫🇷", "e\u0301", "👩🏽‍💻"]) {
      const text = unit.repeat(300);
      const fitted = fitTweet({ text, url: URL_ });
      const kept = fitted.slice(0, -1);
      expect(kept.length % unit.length, unit).toBe(0);
      expect(kept.length, unit).toBeGreaterThan(0);
      expect(twitter.parseTweet(`${fitted} ${URL_}`).weightedLength).toBeLessThanOrEqual(280);
    }
  }, 30_000);

  it("counts a scheme-less URL in the quote as 23", () => {
    const text = `${"word ".repeat(60)}see example.com/page`;
    const fitted = fitTweet({ text });
    expect(twitter.parseTweet(fitted).weightedLength).toBeLessThanOrEqual(280);
  });

  it("fits generated quotes as X's own counter measures them", () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pieces = [
      "stratégie",
      "ventes",
      "故人西辞",
      "👨‍👩‍👧‍👦",
      "🇫🇷",
      "e\u0301",
      "example.fr",
      "—",
      "…",
      "x".repeat(30),
    ];
    for (let i = 0; i < 200; i++) {
      let text = "";
      while (text.length < 200 + rnd() * 400) text += `${pieces[Math.floor(rnd() * pieces.length)]} `;
      const opts = { text, url: URL_, via: "selma", hashtags: ["a", "bcd"] };
      const full = tweetText({ ...opts, text: fitTweet(opts) });
      expect(twitter.parseTweet(full).weightedLength, full).toBeLessThanOrEqual(280);
      expect(twitter.parseTweet(full).weightedLength, full).toBeGreaterThan(240);
    }
  }, 30_000);
});

describe("shorten", () => {
  it("cuts graphemes when one word is longer than the limit", () => {
    expect(shorten("👍🏽".repeat(10), (t) => graphemeCount(t) <= 4)).toBe("👍🏽👍🏽👍🏽…");
  });
  it("drops punctuation before the ellipsis", () => {
    expect(shorten("Mieux, que s'organiser", (t) => t.length <= 8)).toBe("Mieux…");
  });
  it("counts graphemes, not code points", () => {
    expect(graphemeCount("👨‍👩‍👧‍👦🇫🇷e\u0301")).toBe(3);
  });
});
