import { describe, expect, it } from "vitest";
import { commentsOptions, optionsFromScript } from "./config.js";

/** A script tag as the site owner writes it (never connected: nothing is fetched). */
function script(attrs: string): HTMLScriptElement {
  const template = document.createElement("template");
  template.innerHTML = `<script src="https://comments.example.com/embed.js" ${attrs}></script>`; // fixture
  return template.content.firstElementChild as HTMLScriptElement;
}

describe("optionsFromScript", () => {
  it("takes the server from the script's own src and the common options from data-*", () => {
    const s = script(
      `data-site="blog" data-page-id="/p/" data-locale="fr" data-theme="dark" data-strings='{"reply":"Answer"}'`,
    );
    expect(optionsFromScript(s)).toEqual({
      server: "https://comments.example.com",
      site: "blog",
      page: "/p/",
      locale: "fr",
      theme: "dark",
      strings: { reply: "Answer" },
    });
  });

  it("leaves out an unknown theme and malformed strings; derives the page id once", () => {
    expect(optionsFromScript(script(`data-theme="sepia" data-strings="{oops"`))).toEqual({
      server: "https://comments.example.com",
      page: location.pathname,
    });
  });

  it("derives the page id from the query parameter data-page-id-param names", () => {
    const link = document.createElement("link");
    link.rel = "canonical";
    link.href = "https://blog.example/?p=123&replytocom=4";
    document.head.append(link);
    try {
      expect(optionsFromScript(script(`data-page-id-param="p,page_id"`))).toMatchObject({
        page: "/?p=123",
        pageIdParam: "p,page_id",
      });
      expect(optionsFromScript(script(`data-page-id-param="p" data-page-id="/given/"`)).page).toBe("/given/");
    } finally {
      link.remove();
    }
  });
});

describe("commentsOptions", () => {
  const common = { server: "https://c.example" };
  const read = (attrs: string) => commentsOptions(script(attrs).dataset, common);

  it("adds the comments' own options", () => {
    expect(
      read(
        'data-sort="top" data-max-depth="0" data-edit-window="600" data-page-title="T" data-page-url="https://b.example/p/"',
      ),
    ).toMatchObject({
      server: "https://c.example",
      sort: "top",
      maxDepth: 0,
      editWindow: 600,
      pageTitle: "T",
      pageUrl: "https://b.example/p/",
    });
  });

  it("leaves invalid values out, so that the defaults apply", () => {
    const o = read('data-sort="random" data-max-depth="-1" data-edit-window="0" data-page-title=""');
    expect([o.sort, o.maxDepth, o.editWindow, o.pageTitle]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(read('data-max-depth="2.5" data-edit-window="ten"')).toMatchObject({
      maxDepth: undefined,
      editWindow: undefined,
    });
  });
});
