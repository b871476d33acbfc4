import { afterEach, describe, expect, it } from "vitest";
import { derivePageId, normalizePath } from "./page-id.js";

describe("normalizePath", () => {
  it.each([
    ["/2016/08/post/", "/2016/08/post/"],
    ["/2016/08/post", "/2016/08/post"],
    ["/blog/index.html", "/blog/"],
    ["/blog/INDEX.HTM", "/blog/"],
    ["/post/?utm_source=x#comment-3", "/post/"],
    ["", "/"],
  ])("%s → %s", (input, expected) => {
    expect(normalizePath(input)).toBe(expected);
  });
});

describe("derivePageId", () => {
  afterEach(() => {
    document.head.innerHTML = "";
  });
  it("prefers an explicit id", () => {
    expect(derivePageId(document, "/explicit/")).toBe("/explicit/");
  });
  it("uses the canonical link's pathname, not its host or query", () => {
    const link = document.createElement("link");
    link.rel = "canonical";
    link.href = "https://blog.example.org/2016/08/arreter/index.html?ref=feed";
    document.head.append(link);
    expect(derivePageId(document)).toBe("/2016/08/arreter/");
  });
  it("falls back to the location", () => {
    expect(derivePageId(document)).toBe(normalizePath(location.pathname));
  });
});

describe("derivePageId with data-page-id-param (WordPress plain permalinks)", () => {
  afterEach(() => {
    document.head.innerHTML = "";
  });
  const canonical = (href: string) => {
    const link = document.createElement("link");
    link.rel = "canonical";
    link.href = href;
    document.head.append(link);
  };
  it.each([
    ["https://blog.example/?p=123&utm_source=feed", "p", "/?p=123"],
    ["https://blog.example/?page_id=45", "p,page_id", "/?page_id=45"],
    ["https://blog.example/blog/?p=7#comments", "p", "/blog/?p=7"],
    ["https://blog.example/2016/08/post/", "p", "/2016/08/post/"],
    ["https://blog.example/?p=", "p", "/"],
    ["https://blog.example/?=9", "p,,page_id", "/"],
  ])("canonical %s, param %s → %s", (href, param, expected) => {
    canonical(href);
    expect(derivePageId(document, null, param)).toBe(expected);
  });
  it("keeps an explicit id first, and takes the location when the canonical link is unparsable", () => {
    canonical("https://blog.example/?p=1");
    expect(derivePageId(document, "/explicit/", "p")).toBe("/explicit/");
    document.head.innerHTML = "";
    document.head.innerHTML = '<link rel="canonical" href="http://[bad">'; // fixture
    expect(derivePageId(document, null, "p")).toBe(normalizePath(location.pathname));
  });
});
