/**
 * The loader's part for passages (issue #17), kept within 600 B gzip. When the thread shows
 * comments on passages — the server's HTML says so (`data-anchor` on each such comment's
 * `<article>`, read by the loader), or the app does where it drew the thread itself — it
 * fetches the anchoring chunk (`anchor.js`) to mark them; never otherwise, and with no request
 * of its own for the thread. The first time the reader selects words in the article (mouse,
 * touch or keyboard: `selectionchange` sees them all), it fetches the selection button
 * (`passage.js`, button.ts), which takes over from there; a quote box's Discuss button
 * fetches it too. `data-passages="off"` turns all of it off; `data-article` names the article.
 */
import type { Chunk, ScriptOptions } from "../core/config.js";
import { THREAD } from "./intent.js";

type Anchor = typeof import("../anchor/chunk.js");
type Button = typeof import("./button.js");

/**
 * The article: the element `selector` names (`data-article`), else the nearest `<article>` or
 * `<main>` around the comments, else the page's `<article>`.
 */
export const findArticle = (comments: Element | null, selector?: string): Element | null =>
  (selector && document.querySelector(selector)) ||
  comments?.closest("article,main") ||
  document.querySelector("article");

/**
 * Starts the passages' marks and the selection button for the page's comments. Returns what
 * a quote box's "Discuss" button does (nothing without comments or with passages off). Start
 * it before the comments, whose first `causette:thread` it waits for.
 */
export function startPassages(
  chunk: Chunk,
  options: ScriptOptions,
  data: DOMStringMap,
  comments = document.querySelector<HTMLElement>("#causette,[data-causette-comments]"),
): ((box: HTMLElement) => void) | undefined {
  const article = findArticle(comments, data.article);
  if (data.passages === "off" || !comments || !article) return;
  const button = () => chunk<Button>("passage.js");
  comments.addEventListener(
    THREAD,
    (e) => {
      const anchored = (e as CustomEvent).detail.filter((c: { anchor?: object }) => c.anchor);
      if (anchored[0]) chunk<Anchor>("anchor.js").then((m) => m.markPassages(article, anchored, options));
    },
    { once: true },
  );
  const selected = () => {
    const s = getSelection()!;
    if (s.rangeCount && !s.isCollapsed && article.contains(s.getRangeAt(0).commonAncestorContainer)) {
      document.removeEventListener("selectionchange", selected);
      button().then((m) => m.startButton(article, comments, options), Boolean);
    }
  };
  document.addEventListener("selectionchange", selected);
  return (box) => button().then((m) => m.discussQuote(box, article, comments), Boolean);
}
