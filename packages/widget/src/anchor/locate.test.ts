/**
 * Anchoring on real edits of a real-looking article: a passage is described from a DOM range
 * in the article as it was, the article is edited the way authors edit, and the passage is
 * looked for again in the new DOM. Each case states the words it must land on — or that it
 * must be lost rather than attached to other words.
 */
import type { PassageAnchor } from "@causette/types";
import search from "approx-string-match";
import { afterEach, describe, expect, it } from "vitest";
import { contextScore, locate as locateWith } from "./locate.js";
import { articleText, describeRange, domRange } from "./text.js";

const P1 = "Pendant des années, j’ai tenu des listes. Des listes de tâches, de projets, d’envies.";
const P2 =
  "Puis j’ai compris que la liste n’était pas le problème : le problème, c’était de tout vouloir faire.";
const P3 = "Aujourd’hui, je choisis trois choses par jour, et je m’y tiens. Le reste attendra.";

const ARTICLE = `<article>
  <h1>Arrêter de s’organiser</h1>
  <p>${P1}</p>
  <p>${P2.replace("tout vouloir faire", "<em>tout</em> vouloir faire")}</p>
  <blockquote data-causette-tweet>${P3}</blockquote>
  <script>var ignored = "la liste n’était pas le problème";</script>
</article>`;

function article(html: string): HTMLElement {
  document.body.innerHTML = html; // test fixture markup, written here
  return document.querySelector("article")!;
}

/** The anchor a reader makes by selecting `words` (the `nth` time they occur) in `html`. */
function select(html: string, words: string, nth = 0): PassageAnchor {
  const root = article(html);
  const at = articleText(root);
  let start = -1;
  for (let i = 0; i <= nth; i++) start = at.text.indexOf(words, start + 1);
  expect(start).toBeGreaterThanOrEqual(0);
  const anchor = describeRange(root, domRange(at, start, start + words.length))!;
  expect(anchor.exact).toBe(words);
  return anchor;
}

/** The words `anchor` lands on in `html`, or null when it is lost. */
function find(html: string, anchor: PassageAnchor): string | null {
  const at = articleText(article(html));
  const found = locate(at.text, anchor);
  if (!found) return null;
  // What the reader sees highlighted is the DOM range's text.
  return domRange(at, found.start, found.end).toString().replace(/\s+/g, " ");
}

afterEach(() => document.body.replaceChildren());

const locate = (text: string, anchor: PassageAnchor) => locateWith(text, anchor, search);

describe("the article's text", () => {
  it("collapses the markup's white space, skips scripts, and maps every character back to the DOM", () => {
    const at = articleText(article(ARTICLE));
    expect(at.text).toBe(`Arrêter de s’organiser ${P1} ${P2} ${P3} `);
    expect(at.text).not.toContain("ignored");
    const i = at.text.indexOf("tout vouloir");
    expect(domRange(at, i, i + 12).toString()).toBe("tout vouloir");
    expect(at.nodes[i]!.parentElement!.tagName).toBe("EM");
  });

  it("describes a selection as a TextQuoteSelector with 32 characters of context and a position", () => {
    const a = select(ARTICLE, "la liste n’était pas le problème");
    expect(a.prefix).toBe("d’envies. Puis j’ai compris que ");
    expect(a.prefix.length).toBe(32);
    expect(a.suffix).toBe(" : le problème, c’était de tout ");
    expect(a.position!.end - a.position!.start).toBe(a.exact.length);
  });

  it("trims the spaces of a selection that runs over a paragraph's edge, and crosses elements", () => {
    const root = article(ARTICLE);
    const at = articleText(root);
    const range = document.createRange();
    const p = root.querySelectorAll("p");
    range.setStart(p[0]!.firstChild!, P1.indexOf("Des listes"));
    range.setEnd(p[1]!.querySelector("em")!.firstChild!, 4);
    const a = describeRange(root, range)!;
    expect(a.exact).toBe(
      `Des listes de tâches, de projets, d’envies. ${P2.slice(0, P2.indexOf("tout") + 4)}`,
    );
    expect(at.text.slice(a.position!.start, a.position!.end)).toBe(a.exact);
  });
});

describe("finding a passage again after the article was edited", () => {
  const words = "la liste n’était pas le problème";

  it("lands on the same words in the unchanged article", () => {
    expect(find(ARTICLE, select(ARTICLE, words))).toBe(words);
  });

  it("words inserted before the passage (the position hint is now wrong)", () => {
    const a = select(ARTICLE, words);
    const edited = ARTICLE.replace(
      "<p>Pendant",
      "<p>Une précision ajoutée en 2024, longue de plusieurs phrases. Elle décale tout le texte. Pendant",
    );
    expect(find(edited, a)).toBe(words);
  });

  it("words inserted inside the passage: the edited words, found approximately", () => {
    const a = select(ARTICLE, words);
    const edited = ARTICLE.replace("la liste n’était pas", "la liste n’était sans doute pas");
    expect(find(edited, a)).toBe("la liste n’était sans doute pas le problème");
  });

  it("a typo fixed inside the passage", () => {
    const typo = ARTICLE.replace("le problème :", "le probleme :");
    const a = select(typo, "la liste n’était pas le probleme");
    expect(find(ARTICLE, a)).toBe(words);
  });

  it("the passage moved to another paragraph", () => {
    const sentence = "Des listes de tâches, de projets, d’envies.";
    const a = select(ARTICLE, sentence);
    const moved = ARTICLE.replace(` ${sentence}`, "").replace(
      "Le reste attendra.",
      `Le reste attendra. ${sentence}`,
    );
    expect(moved).not.toContain(`listes. ${sentence}`);
    expect(find(moved, a)).toBe(sentence);
  });

  it("the passage deleted: lost, not attached to the nearest words", () => {
    const a = select(ARTICLE, words);
    const deleted = ARTICLE.replace("Puis j’ai compris que la liste n’était pas le problème : ", "");
    expect(find(deleted, a)).toBeNull();
  });

  it("the passage rewritten beyond recognition: lost", () => {
    const a = select(ARTICLE, words);
    const rewritten = ARTICLE.replace(words, "les carnets ne m’aidaient en rien");
    expect(find(rewritten, a)).toBeNull();
  });

  it("the same words twice: the occurrence the reader selected, by its context", () => {
    const twice = ARTICLE.replace("Le reste attendra.", "Le reste attendra, car le problème est ailleurs.");
    const second = select(twice, "le problème", 2);
    const first = select(twice, "le problème", 0);
    const at = articleText(article(twice));
    const hit = (a: PassageAnchor) => locate(at.text, a)!.start;
    expect(hit(second)).toBe(second.position!.start);
    expect(hit(first)).toBe(first.position!.start);
    // Text inserted at the start moves both; the context still tells them apart.
    const shifted = twice.replace("<h1>", "<h1>Édité : ");
    const at2 = articleText(article(shifted));
    expect(locate(at2.text, second)!.start).toBe(at2.text.lastIndexOf("le problème est ailleurs"));
  });

  it("short words whose context changed completely are not taken elsewhere", () => {
    const a = select(ARTICLE, "le problème", 1);
    // The passage is gone; the same two words stay in another sentence.
    const edited = ARTICLE.replace("la liste n’était pas le problème : le problème, c’était", "c’était");
    expect(edited).toContain("le problème");
    expect(find(edited.replace("c’était de", "au fond, le problème de"), a)).toBeNull();
  });

  it("a quote box's words (an anchor on the quote)", () => {
    const a = select(ARTICLE, P3);
    expect(find(ARTICLE.replace("<h1>", "<h1>Mis à jour — "), a)).toBe(P3);
  });

  it("scores context from 0 (nothing agrees) to 1 (everything does)", () => {
    const anchor = { exact: "b", prefix: "aa", suffix: "cc" };
    expect(contextScore("aabcc", anchor, 2, 3)).toBe(1);
    expect(contextScore("xxbyy", anchor, 2, 3)).toBe(0);
    expect(contextScore("xabcy", anchor, 2, 3)).toBe(0.5);
    expect(contextScore("b", { exact: "b", prefix: "", suffix: "" }, 0, 1)).toBe(1);
  });
});

describe("the article's text and the contract", () => {
  it("cuts a selection at the API's limit, which text.ts writes out", async () => {
    const { LIMITS } = await import("@causette/types");
    const { PASSAGE_MAX } = await import("./text.js");
    expect(PASSAGE_MAX).toBe(LIMITS.passageMax);
    const long = `<article><p>${"mot ".repeat(400)}</p></article>`;
    const root = article(long);
    const range = document.createRange();
    range.selectNodeContents(root);
    expect(describeRange(root, range)!.exact.length).toBe(PASSAGE_MAX);
  });
});
