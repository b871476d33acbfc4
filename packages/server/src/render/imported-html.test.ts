import { describe, expect, it } from "vitest";
import { commentHtml } from "../import/records.js";
import { renderMarkdown, sanitizeCommentHtml, sanitizeImportedHtml } from "./markdown.js";

describe("imported HTML", () => {
  it("keeps sub and sup, simple tables, definition lists; headings become bold paragraphs", () => {
    expect(sanitizeImportedHtml("<p>H<sub>2</sub>O and E = mc<sup>2</sup></p>")).toBe(
      "<p>H<sub>2</sub>O and E = mc<sup>2</sup></p>",
    );
    expect(
      sanitizeImportedHtml(
        '<table style="width:900px" class="x"><caption>Sowing</caption><thead><tr><th onclick="x()">Crop</th><th>Month</th></tr></thead>' +
          '<tbody><tr><td colspan="2" bgcolor="red">Tomato</td></tr></tbody></table>',
      ),
    ).toBe(
      "<table><caption>Sowing</caption><thead><tr><th>Crop</th><th>Month</th></tr></thead>" +
        '<tbody><tr><td colspan="2">Tomato</td></tr></tbody></table>',
    );
    expect(sanitizeImportedHtml("<dl><dt>Mulch</dt><dd>Straw, <em>dry</em></dd></dl>")).toBe(
      "<dl><dt>Mulch</dt><dd>Straw, <em>dry</em></dd></dl>",
    );
    expect(sanitizeImportedHtml('<h2 id="t">A title</h2><p>Text</p><H4>Small</H4>')).toBe(
      "<p><strong>A title</strong></p><p>Text</p><p><strong>Small</strong></p>",
    );
    // What is dangerous stays out, as for every comment.
    expect(
      sanitizeImportedHtml(
        '<td><script>x</script><img src="x" onerror="y"><a href="javascript:z">a</a></td>',
      ),
    ).toBe("<td>a</td>");
  });

  it("is what a WordPress import uses; idempotent, so the JSON round trip keeps it", () => {
    const html = commentHtml(
      "Results:\n\n<table>\n<tr><td>H<sub>2</sub>O</td></tr>\n</table>\n\n<h3>Next</h3>\nSoon",
      "wordpress",
      sanitizeImportedHtml,
    );
    expect(html).toBe(
      "<p>Results:</p>\n<table>\n<tr>\n<td>H<sub>2</sub>O</td>\n</tr>\n</table>\n<p><strong>Next</strong></p>\n<p>Soon</p>",
    );
    expect(sanitizeImportedHtml(html)).toBe(html);
  });

  it("widens nothing for comments written in Causette", () => {
    expect(sanitizeCommentHtml("<p>H<sub>2</sub>O</p><table><tr><td>x</td></tr></table><h2>t</h2>")).toBe(
      "<p>H2O</p>xt",
    );
    expect(renderMarkdown("# Title\n\n| a | b |\n| - | - |\n| 1 | 2 |")).not.toMatch(/<(h1|table|strong)/);
  });
});
