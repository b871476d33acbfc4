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
