import { describe, expect, it } from "vitest";
import {
  type BanEntry,
  blockedEmail,
  blockedIp,
  blockedWord,
  burst,
  countLinks,
  decide,
  duplicate,
  formTiming,
  honeypot,
  normalizeText,
  type RecentComment,
  type SpamContext,
  type Submission,
  slidingWindow,
  tooManyLinks,
} from "./rules.js";

const NOW = Date.parse("2026-11-28T12:00:00.000Z");
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const sub = (over: Partial<Submission> = {}): Submission => ({
  page: "/post/",
  body: "A thoughtful remark about the article.",
  authorEmail: "ana@example.org",
  ipHash: "hash-a",
  ...over,
});
const ctx = (over: Partial<SpamContext> = {}): SpamContext => ({
  mode: "first",
  now: NOW,
  bans: [],
  recent: [],
  form: { state: "ok", ageMs: 30_000 },
  knownAuthor: true,
  ...over,
});

describe("honeypot", () => {
  it("flags a filled honeypot and ignores an empty one", () => {
    expect(honeypot(sub({ hp: "http://buy.example" }))).toBe("honeypot");
    expect(honeypot(sub({ hp: "" }))).toBeNull();
    expect(honeypot(sub({ hp: "   " }))).toBeNull();
    expect(honeypot(sub())).toBeNull();
  });
  it("makes a comment spam in every mode", () => {
    for (const mode of ["none", "first", "all"] as const)
      expect(decide(sub({ hp: "x" }), ctx({ mode }))).toEqual({ action: "spam", reasons: ["honeypot"] });
  });
});

describe("blocked words", () => {
  const bans: BanEntry[] = [
    { kind: "word", value: "cialis" },
    { kind: "word", value: "Free Money" },
  ];
  it("match whole words, whatever the case or spacing", () => {
    expect(blockedWord(sub({ body: "Buy CIALIS now" }), bans)).toBe("blocked_word");
    expect(blockedWord(sub({ body: "get free\n  money here" }), bans)).toBe("blocked_word");
    expect(blockedWord(sub({ body: "cialis." }), bans)).toBe("blocked_word");
  });
  it("do not match inside another word", () => {
    expect(
      blockedWord(sub({ body: "My specialist said so" }), [{ kind: "word", value: "cialis" }]),
    ).toBeNull();
    expect(blockedWord(sub({ body: "freemoney" }), bans)).toBeNull();
  });
  it("work in other scripts and treat the value as text, not a pattern", () => {
    expect(blockedWord(sub({ body: "Это спам!" }), [{ kind: "word", value: "спам" }])).toBe("blocked_word");
    expect(blockedWord(sub({ body: "a.b" }), [{ kind: "word", value: "a+b" }])).toBeNull();
    expect(blockedWord(sub({ body: "use (a+b) here" }), [{ kind: "word", value: "a+b" }])).toBe(
      "blocked_word",
    );
  });
  it("ignore e-mail and ip entries", () => {
    expect(blockedWord(sub({ body: "hash-a" }), [{ kind: "ip", value: "hash-a" }])).toBeNull();
  });
});

describe("blocked e-mail addresses and clients", () => {
  it("match an address case-insensitively, or a whole domain", () => {
    expect(
      blockedEmail(sub({ authorEmail: "Ana@Example.org" }), [{ kind: "email", value: "ana@example.org" }]),
    ).toBe("blocked_email");
    expect(blockedEmail(sub({ authorEmail: "x@spam.test" }), [{ kind: "email", value: "@spam.test" }])).toBe(
      "blocked_email",
    );
    expect(
      blockedEmail(sub({ authorEmail: "x@notspam.test" }), [{ kind: "email", value: "@spam.test" }]),
    ).toBeNull();
    expect(
      blockedEmail(sub({ authorEmail: null }), [{ kind: "email", value: "ana@example.org" }]),
    ).toBeNull();
  });
  it("match an ip hash exactly", () => {
    expect(blockedIp(sub(), [{ kind: "ip", value: "hash-a" }])).toBe("blocked_ip");
    expect(blockedIp(sub(), [{ kind: "ip", value: "hash-b" }])).toBeNull();
    expect(blockedIp(sub({ ipHash: null }), [{ kind: "ip", value: "hash-a" }])).toBeNull();
  });
  it("send the comment to spam even with moderation off, with every reason", () => {
    const bans: BanEntry[] = [
      { kind: "email", value: "ana@example.org" },
      { kind: "ip", value: "hash-a" },
    ];
    expect(decide(sub(), ctx({ mode: "none", bans }))).toEqual({
      action: "spam",
      reasons: ["blocked_email", "blocked_ip"],
    });
  });
});

describe("duplicates", () => {
  const recent: RecentComment[] = [{ page: "/post/", body: "Great  post!", createdAt: ago(9 * 60_000) }];
  it("refuse the same text on the same page within 10 minutes", () => {
    expect(duplicate(sub({ body: "great post!" }), recent, NOW, 600_000)).toBe(true);
    expect(decide(sub({ body: "Great post!" }), ctx({ recent }))).toMatchObject({
      action: "refuse",
      code: "duplicate_comment",
    });
  });
  it("let it through on another page, under another parent, after 10 minutes, or with other text", () => {
    expect(duplicate(sub({ body: "Great post!", parentId: "c1" }), recent, NOW, 600_000)).toBe(false);
    expect(
      duplicate(
        sub({ body: "Thanks!", parentId: "c1" }),
        [{ ...recent[0]!, body: "thanks!", parentId: "c1" }],
        NOW,
        600_000,
      ),
    ).toBe(true);
    expect(duplicate(sub({ body: "Great post!", page: "/other/" }), recent, NOW, 600_000)).toBe(false);
    // The same page path on another site is another page.
    const onBlog = [{ ...recent[0]!, site: "blog" }];
    expect(duplicate(sub({ body: "Great post!", site: "shop" }), onBlog, NOW, 600_000)).toBe(false);
    expect(duplicate(sub({ body: "Great post!", site: "blog" }), onBlog, NOW, 600_000)).toBe(true);
    expect(duplicate(sub({ body: "Great post!" }), recent, NOW + 61_000, 600_000)).toBe(false);
    expect(duplicate(sub({ body: "Great post, thanks!" }), recent, NOW, 600_000)).toBe(false);
  });
  it("normalise case, width and whitespace", () => {
    expect(normalizeText("  Ｈello\n\tWORLD ")).toBe("hello world");
  });
});

describe("rate limits", () => {
  it("allow up to the limit in the window, then say when to retry", () => {
    const times = [NOW - 50_000, NOW - 40_000, NOW - 10_000];
    expect(slidingWindow(times, NOW, 4, 60_000)).toEqual({ allowed: true });
    expect(slidingWindow(times, NOW, 3, 60_000)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(slidingWindow(times, NOW, 2, 60_000)).toEqual({ allowed: false, retryAfterSeconds: 20 });
    // Events outside the window no longer count.
    expect(slidingWindow([NOW - 61_000, NOW - 70_000], NOW, 1, 60_000)).toEqual({ allowed: true });
  });
  it("refuse a client over the hourly cap, in every mode", () => {
    const recent = Array.from({ length: 30 }, (_, i) => ({
      page: `/p${i}/`,
      body: `text ${i}`,
      createdAt: ago((i + 1) * 60_000),
    }));
    const v = decide(sub(), ctx({ mode: "none", recent }));
    expect(v).toMatchObject({ action: "refuse", code: "rate_limited" });
    // The oldest of the 30 (30 minutes ago) leaves the hour in 30 minutes.
    expect(v.action === "refuse" && v.retryAfterSeconds).toBe(1800);
    expect(decide(sub(), ctx({ mode: "none", recent: recent.slice(1) })).action).toBe("publish");
  });
  it("count a burst of comments as a soft signal", () => {
    const recent = Array.from({ length: 5 }, (_, i) => ({
      page: "/p/",
      body: `t${i}`,
      createdAt: ago(i * 1000),
    }));
    expect(burst(recent, NOW, 5, 600_000)).toBe("burst");
    expect(burst(recent.slice(1), NOW, 5, 600_000)).toBeNull();
  });
});

describe("form timing", () => {
  it("is a signal when missing, forged or too fast, never a refusal", () => {
    expect(formTiming({ state: "missing" }, 3000)).toBe("missing_form_token");
    expect(formTiming({ state: "invalid" }, 3000)).toBe("bad_form_token");
    expect(formTiming({ state: "ok", ageMs: 1200 }, 3000)).toBe("too_fast");
    expect(formTiming({ state: "ok", ageMs: 3000 }, 3000)).toBeNull();
    expect(decide(sub(), ctx({ form: { state: "missing" } }))).toEqual({
      action: "hold",
      reasons: ["missing_form_token"],
    });
  });
});

describe("links", () => {
  it("count bare, www, Markdown and HTML links once each", () => {
    expect(countLinks("no links here, just a.b")).toBe(0);
    expect(countLinks("see https://a.example and http://b.example")).toBe(2);
    expect(countLinks("www.a.example [x](https://b.example) <a href='https://www.c.example'>c</a>")).toBe(3);
  });
  it("hold more than the maximum", () => {
    const body = "https://1.example https://2.example https://3.example";
    expect(tooManyLinks(sub({ body }), 2)).toBe("too_many_links");
    expect(tooManyLinks(sub({ body }), 3)).toBeNull();
    expect(decide(sub({ body }), ctx())).toEqual({ action: "hold", reasons: ["too_many_links"] });
  });
});

describe("modes", () => {
  const suspicious = sub({ body: "https://1.example https://2.example https://3.example" });
  it("none publishes at once and soft signals never hold", () => {
    expect(decide(suspicious, ctx({ mode: "none", knownAuthor: false, form: { state: "missing" } }))).toEqual(
      {
        action: "publish",
        reasons: [],
      },
    );
  });
  it("first holds a new author's comment, then publishes a known author's", () => {
    expect(decide(sub(), ctx({ knownAuthor: false }))).toEqual({
      action: "hold",
      reasons: ["first_comment"],
    });
    expect(decide(sub(), ctx({ knownAuthor: true }))).toEqual({ action: "publish", reasons: [] });
  });
  it("first holds a known author on soft signals, with every reason", () => {
    expect(decide(suspicious, ctx({ form: { state: "ok", ageMs: 500 } }))).toEqual({
      action: "hold",
      reasons: ["too_fast", "too_many_links"],
    });
  });
  it("all holds everything and records the signals too", () => {
    expect(decide(sub(), ctx({ mode: "all" }))).toEqual({ action: "hold", reasons: ["moderation_all"] });
    expect(decide(suspicious, ctx({ mode: "all" }))).toEqual({
      action: "hold",
      reasons: ["moderation_all", "too_many_links"],
    });
  });
  it("lets thresholds be tuned", () => {
    expect(decide(sub({ body: "https://a.example" }), ctx({ thresholds: { maxLinks: 0 } })).action).toBe(
      "hold",
    );
  });
});
