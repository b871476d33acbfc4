import { afterEach, describe, expect, it } from "vitest";
import { plural } from "../loader/plural.js";
import { loaderI18n } from "../loader/strings.js";
import { countPage } from "./counts.js";
import { COUNT_STRINGS } from "./strings.js";

afterEach(() => {
  document.body.replaceChildren();
});

describe("countPage", () => {
  const el = (attrs: string) => {
    document.body.innerHTML = `<a ${attrs} data-causette-count>Comments</a>`; // fixture
    return document.body.firstElementChild!;
  };
  it.each([
    ['data-page-id="/explicit/" href="/other/"', "/explicit/"],
    ['href="/2016/08/post/index.html?utm=1#causette"', "/2016/08/post/"],
    ['href="https://blog.example/p/"', "/p/"],
    ['href="#causette"', "/here/"],
    ["", "/here/"],
  ])("%s → %s", (attrs, expected) => {
    expect(countPage(el(attrs), "/here/")).toBe(expected);
  });
  it("counts links to plain permalinks by their query parameter (pageIdParam)", () => {
    expect(countPage(el('href="/?p=123#comments"'), "/here/", "p")).toBe("/?p=123");
    expect(countPage(el('href="/?p=123#comments"'), "/here/")).toBe("/");
  });
});

describe("count strings", () => {
  const say = (locale: string, n: number) =>
    plural(loaderI18n(locale, undefined, COUNT_STRINGS), "comments", n);
  it("reads like the reference page, in English and French", () => {
    expect(say("en", 15)).toBe("15 comments… add one");
    expect(say("en", 1)).toBe("1 comment… add one");
    expect(say("en", 0)).toBe("No comments… add one");
    expect(say("fr", 0)).toBe("Aucun commentaire… ajoute le tien");
    expect(say("fr-CA", 1)).toBe("1 commentaire… ajoute le tien");
    expect(say("fr", 15)).toBe("15 commentaires… ajoute le tien");
  });
  it("formats numbers for the locale and survives an invalid <html lang>", () => {
    expect(say("en", 1234)).toBe("1,234 comments… add one");
    expect(say("fr", 1234)).toBe("1\u202f234 commentaires… ajoute le tien");
    expect(say("en_US", 2)).toBe("2 comments… add one");
  });
  it("lets the site owner override a string", () => {
    const i18n = loaderI18n("en", { comments_other: "{n} réponses" }, COUNT_STRINGS);
    expect(plural(i18n, "comments", 3)).toBe("3 réponses");
  });
});
