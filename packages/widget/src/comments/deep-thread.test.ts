import { cleanup, render, screen, within } from "@testing-library/preact";
import { h } from "preact";
import { afterEach, describe, expect, it } from "vitest";
import { comment, contractApi } from "../../test/contract-api.js";
import { en } from "../i18n/en.js";
import { createI18n } from "../i18n/index.js";
import { createThread } from "../stores/thread.js";
import { App } from "./app.js";

const CHAIN = 10_000;

/** Loads the thread `api` serves, then draws it with display depth `max`: returns the ms the drawing took. */
async function draw(api: ReturnType<typeof contractApi>, max = 3): Promise<number> {
  const th = createThread({
    api,
    i18n: createI18n("en", en),
    site: "default",
    page: "/post/",
    sort: "oldest",
    editWindow: 900,
  });
  await th.load();
  const t0 = performance.now();
  render(h(App, { th, max }));
  const ms = performance.now() - t0;
  expect(document.querySelector("h2")!.textContent).toMatch(/^[\d,]+ comments$/);
  return ms;
}

/** How many `<article>`s enclose each article, itself included (its nesting in the DOM). */
function articleDepths(): number[] {
  return [...document.querySelectorAll("article")].map((a) => {
    let n = 0;
    for (let el: Element | null = a; el; el = el.parentElement?.closest("article") ?? null) n++;
    return n;
  });
}

afterEach(() => {
  cleanup();
  localStorage.clear();
  sessionStorage.clear();
});

describe("a reply chain deeper than the display depth", () => {
  it("puts replies past the display depth flat in their ancestor's list, in thread order, each saying whom it answers", async () => {
    const api = contractApi();
    // id, parent, author: Dan, Eve and Fay are deeper than the display depth (3).
    const rows = [
      ["a", null, "Ann"],
      ["b", "a", "Ben"],
      ["c", "b", "Cat"],
      ["d", "c", "Dan"],
      ["e", "d", "Eve"],
      ["f", "c", "Fay"],
      ["g", "b", "Gus"],
      ["h", null, "Hal"],
    ] as const;
    for (const [id, parent, name] of rows) api.comments.push(comment(id, parent, name));
    await draw(api);
    const parentArticle = (id: string) =>
      document.getElementById(`comment-${id}`)!.parentElement!.closest("article")?.id;
    // Cat is at the display depth (the third level); Dan, Eve and Fay follow her in Ben's
    // list instead of nesting ever deeper.
    expect(parentArticle("c")).toBe("comment-b");
    for (const id of ["d", "e", "f", "g"]) expect(parentArticle(id)).toBe("comment-b");
    expect(document.getElementById("comment-c")!.querySelector("ol")).toBeNull();
    expect(screen.getAllByRole("article").map((a) => a.id.slice(8))).toEqual([
      "a",
      "b",
      "c",
      "d",
      "e",
      "f",
      "g",
      "h",
    ]);
    // The comment's own "in reply to" link, not those of the replies nested in it.
    const replyTo = (id: string) => {
      const article = document.getElementById(`comment-${id}`)!;
      const links = within(article).queryAllByRole("link", { name: /^in reply to/ });
      return links.find((link) => link.closest("article") === article) ?? null;
    };
    expect(replyTo("d")!.textContent).toBe("in reply to Cat");
    expect(replyTo("d")!.getAttribute("href")).toBe("#comment-c");
    expect(replyTo("e")!.textContent).toBe("in reply to Dan");
    expect(replyTo("f")!.getAttribute("href")).toBe("#comment-c");
    for (const id of ["a", "b", "c", "g", "h"]) expect(replyTo(id)).toBeNull();
    expect(Math.max(...articleDepths())).toBe(3);
  });

  it("with a display depth of 1, shows every reply flat after its root", async () => {
    const api = contractApi();
    api.comments.push(comment("a", null, "Ann"), comment("b", "a", "Ben"), comment("c", "b", "Cat"));
    await draw(api, 1);
    expect(Math.max(...articleDepths())).toBe(1);
    expect(screen.getAllByRole("article").map((a) => a.id.slice(8))).toEqual(["a", "b", "c"]);
    expect(
      within(document.getElementById("comment-c")!).getByRole("link", { name: "in reply to Ben" }),
    ).toBeTruthy();
  });

  it(`renders a ${CHAIN.toLocaleString("en")}-deep chain and the innocent comments around it, no deeper than the display depth`, async () => {
    const api = contractApi();
    api.comments.push(comment("before", null, "Innocent Ann"));
    api.comments.push(comment("x0", null, "Chain 0"));
    for (let i = 1; i < CHAIN; i++) api.comments.push(comment(`x${i}`, `x${i - 1}`, `Chain ${i}`));
    api.comments.push(comment("after", null, "Innocent Bob"), comment("reply", "after", "Innocent Cy"));
    const ms = await draw(api);
    // The comparison with as many flat replies is e2e/deep-thread.test.ts's (Chromium) and
    // bench/render.bench.mjs's: this DOM is much slower than a browser's.
    console.log(`component render of a ${CHAIN}-deep chain: ${ms.toFixed(0)} ms`);

    // By id, not by role: computing 10,000 accessible names would be most of the test's time.
    const names = ["before", "after", "reply"].map(
      (id) => document.getElementById(`comment-${id}`)?.querySelector("h3")?.textContent,
    );
    expect(names).toEqual(["Innocent Ann", "Innocent Bob", "Innocent Cy"]);
    expect(document.querySelectorAll("article")).toHaveLength(CHAIN + 3);
    expect(Math.max(...articleDepths())).toBeLessThanOrEqual(3);
    const last = document.getElementById(`comment-x${CHAIN - 1}`)!;
    expect(within(last).getByRole("link", { name: `in reply to Chain ${CHAIN - 2}` })).toBeTruthy();
  }, 120_000);
});
