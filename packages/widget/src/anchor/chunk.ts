/**
 * @module anchor
 * The anchoring chunk (`anchor.js`), fetched by the loader only when the page's thread has
 * comments on passages: finds each passage in the article again (locate.ts), marks them all
 * with the CSS Custom Highlight API under the name `causette` — the article's DOM is never
 * touched — and puts a count marker, a real button, at the end of each passage, in a layer
 * of its own after the article. The highlight's styles are a constructable stylesheet on the
 * document (a strict CSP allows it), readable on light and dark pages.
 *
 * The comments app asks it about a comment's passage with a `causette:passage` event on the
 * document (`PassageQuery`): whether it was found, and, with `go`, to scroll to it and mark it
 * for a moment. When it has placed every passage, it says so with `causette:passages`.
 */
import type { Comment, PassageAnchor } from "@causette/types";
import type { LightOptions } from "../share/dom.js";
import { locate, type Search } from "./locate.js";
import { articleText, domRange } from "./text.js";

/** The name the passages' highlight is registered under (`CSS.highlights.get("causette")`). */
export const HIGHLIGHT = "causette";
/** The passage the reader just went to, for a moment. */
const FOCUS = "causette-focus";
/** How long a passage stays marked after the reader followed a quotation to it (ms). */
const FOCUS_MS = 2500;

/** The detail of a `causette:passage` event: filled in by this chunk, synchronously. */
export interface PassageQuery {
  id: string;
  /** Scroll the article to the passage and mark it briefly. */
  go?: boolean;
  /** Set by the chunk: true when the passage is in the article, false when it has changed. */
  found?: boolean;
}

/** The marker's name, `[one, other]`, in English and French; `strings` may override them. */
const EN = ["{n} comment on this passage", "{n} comments on this passage"];
const FR = ["{n} commentaire sur ce passage", "{n} commentaires sur ce passage"];

/** Quote boxes (tweet/quote-box.ts's QUOTE_SELECTOR, not imported: that would bring its chunk). */
const QUOTE_SELECTOR = "[data-causette-tweet],.bctt-click-to-tweet";
const SVG = "http://www.w3.org/2000/svg";

/** "3 comments on this passage", by the page's language and the `strings` option. */
function markerName(options: LightOptions, n: number): string {
  const fr = /^fr\b/i.test(options.locale || document.documentElement.lang);
  // English and French both say 1 in the singular, and a passage has at least one comment.
  const key = n < 2 ? "passage_one" : "passage_other";
  return (options.strings?.[key] ?? (fr ? FR : EN)[n < 2 ? 0 : 1]!).replace(
    "{n}",
    n.toLocaleString(fr ? "fr" : "en"),
  );
}

function sheet(css: string): CSSStyleSheet {
  const s = new CSSStyleSheet();
  s.replaceSync(css);
  return s;
}
let pageSheet: CSSStyleSheet | undefined;

// Yellow under the text, at a strength that keeps dark text on light pages and light text on
// dark ones above 4.5:1; a dotted underline says "there is more here" without colour alone.
const PAGE_CSS =
  `::highlight(${HIGHLIGHT}){background-color:rgb(255 196 0/.26);text-decoration:underline dotted 2px rgb(214 150 0);text-underline-offset:.2em}` +
  `::highlight(${FOCUS}){background-color:rgb(255 170 0/.55)}`;

// White on #2150b8 is above 4.5:1, and the blue pill stands out on light and dark pages alike.
const MARKER_CSS =
  ":host{display:block!important;position:relative!important;height:0!important;margin:0!important}" +
  "button{position:absolute;display:flex;align-items:center;gap:3px;min-width:24px;min-height:24px;padding:0 6px;" +
  "border:0;border-radius:12px 12px 12px 3px;background:var(--causette-accent,#2150b8);color:var(--causette-on-accent,#fff);font:600 12px system-ui,sans-serif;cursor:pointer}" +
  ":focus-visible{outline:2px solid #2150b8;outline-offset:2px}" +
  "svg{width:12px;fill:currentColor}";

type Anchored = Pick<Comment, "id"> & { anchor?: PassageAnchor };

interface Passage {
  range: Range;
  ids: string[];
  /** The quote box the words are in (its own text is not rendered: the box is the place). */
  box: Element | null;
}

/** Opens the thread at comment `id`: the permalink the comments app follows, then the thread itself. */
function openThread(id: string): void {
  const hash = `#comment-${encodeURIComponent(id)}`;
  if (location.hash === hash) dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = hash;
  document.querySelector("#causette, [data-causette-comments]")?.scrollIntoView({ block: "start" });
}

/**
 * Marks the passages of `comments` in `article`. Returns a function that takes every mark
 * away again.
 *
 * @example markPassages(document.querySelector("article")!, thread.comments, { locale: "fr" })
 */
export async function markPassages(
  article: Element,
  comments: Anchored[],
  options: LightOptions = {},
): Promise<() => void> {
  const at = articleText(article);
  const passages = new Map<string, Passage>();
  const where = new Map<string, Passage>();
  const lost = new Set<string>();
  const anchored = comments.filter((c) => c.anchor);
  let search: Search | undefined;
  // Words that are not where they were need approximate matching: its code comes only then.
  if (anchored.some((c) => !locate(at.text, c.anchor!)))
    search = (await import("approx-string-match").catch(() => null))?.default;
  for (const c of anchored) {
    const found = locate(at.text, c.anchor!, search);
    if (!found) {
      lost.add(c.id);
      continue;
    }
    const key = `${found.start}:${found.end}`;
    let p = passages.get(key);
    if (!p) {
      const range = domRange(at, found.start, found.end);
      p = { range, ids: [], box: range.startContainer.parentElement?.closest(QUOTE_SELECTOR) ?? null };
      passages.set(key, p);
    }
    p.ids.push(c.id);
    where.set(c.id, p);
  }

  const all = [...passages.values()];
  const highlights = "highlights" in CSS ? CSS.highlights : null;
  pageSheet ??= sheet(PAGE_CSS);
  if (!document.adoptedStyleSheets.includes(pageSheet))
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageSheet];
  highlights?.set(HIGHLIGHT, new Highlight(...all.filter((p) => !p.box).map((p) => p.range)));

  // The markers: in document order, in a layer right after the article, so that the Tab key
  // reaches them after the article's own links and before the comments.
  const layer = document.createElement("div");
  layer.setAttribute("data-causette-ui", "");
  article.after(layer);
  const buttons = all.map((p) => {
    const label = markerName(options, p.ids.length);
    const b = document.createElement("button");
    b.type = "button";
    b.setAttribute("aria-label", label);
    b.setAttribute("part", "marker");
    // A speech bubble of our own drawing, hidden from assistive tech (the label says it all).
    const svg = document.createElementNS(SVG, "svg");
    const path = document.createElementNS(SVG, "path");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("aria-hidden", "true");
    path.setAttribute("d", "M2 2h12v9H6l-4 3z");
    svg.append(path);
    b.append(svg);
    b.append(String(p.ids.length));
    b.addEventListener("click", () => openThread(p.ids[0]!));
    return b;
  });
  const root = layer.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = [sheet(MARKER_CSS)];
  root.append(...buttons);
  // Where the page leaves a margin beside the article, the marker sits in it, level with the
  // passage's last line; otherwise just above the end of that line: never over the words.
  const place = () => {
    const origin = layer.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    const side = article.getBoundingClientRect().right;
    const margin = width - side >= 48;
    all.forEach((p, i) => {
      const rects = (p.box ?? p.range).getClientRects();
      const last = p.box ? p.box.getBoundingClientRect() : rects[rects.length - 1];
      const b = buttons[i]!;
      b.hidden = !last;
      if (!last) return;
      const x = margin ? side + 8 : Math.min(last.right - 12, width - 32);
      const y = margin ? last.top + (last.height - 24) / 2 : last.top - 20;
      b.style.left = `${x - origin.left}px`;
      b.style.top = `${(p.box && !margin ? last.top + 4 : y) - origin.top}px`;
    });
  };
  place();
  const ro = new ResizeObserver(place);
  ro.observe(article);
  addEventListener("resize", place);

  let timer: ReturnType<typeof setTimeout> | undefined;
  const answer = (e: Event) => {
    const q = (e as CustomEvent<PassageQuery>).detail;
    if (!q || typeof q.id !== "string") return;
    const p = where.get(q.id);
    if (p) q.found = true;
    else if (lost.has(q.id)) q.found = false;
    if (!p || !q.go) return;
    e.preventDefault();
    const target = p.box ?? p.range.startContainer.parentElement;
    target?.scrollIntoView({
      block: "center",
      behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth",
    });
    if (highlights) {
      highlights.set(FOCUS, new Highlight(p.range));
      clearTimeout(timer);
      timer = setTimeout(() => highlights.delete(FOCUS), FOCUS_MS);
    }
  };
  document.addEventListener("causette:passage", answer);
  document.dispatchEvent(new Event("causette:passages"));
  return () => {
    ro.disconnect();
    removeEventListener("resize", place);
    document.removeEventListener("causette:passage", answer);
    clearTimeout(timer);
    highlights?.delete(HIGHLIGHT);
    highlights?.delete(FOCUS);
    layer.remove();
  };
}
