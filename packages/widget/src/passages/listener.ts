/**
 * The loader's part for passages (issue #17), kept within 600 B gzip. On a page whose thread
 * has comments on passages, it fetches the anchoring chunk (`anchor.js`) to mark them; never
 * otherwise. The first time the reader selects words in the article (mouse, touch or
 * keyboard: `selectionchange` sees them all), it fetches the selection button (`passage.js`,
 * button.ts), which takes over from there; a quote box's Discuss button fetches it too.
 * `data-passages="off"` turns all of it off; `data-article` names the article.
 */
import type { Chunk, ScriptOptions } from "../core/config.js";
import { threadUrl } from "../loader/comments.js";
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
 * a quote box's "Discuss" button does (nothing without comments or with passages off).
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

  // The thread's first page says whether there is anything to mark. Where the comments app
  // is loading already (the loader preloaded its first request), its answer is taken from the
  // app (`causette:thread`); otherwise the listener asks, without waiting for the app.
  const url = threadUrl(options, data.sort);
  const mark = (list: { anchor?: object }[]) => {
    const anchored = list.filter((c) => c.anchor);
    if (anchored[0])
      chunk<Anchor>("anchor.js").then((m) => m.markPassages(article, anchored as never, options));
  };
  if ([...document.querySelectorAll<HTMLLinkElement>("link[rel=preload]")].some((l) => l.href === url))
    comments.addEventListener(THREAD, (e) => mark((e as CustomEvent).detail), { once: true });
  else
    fetch(url)
      .then((r) => r.json())
      .then((t) => mark(t.comments))
      .catch(Boolean);

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
