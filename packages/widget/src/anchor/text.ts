/**
 * The article's text as passages are described and found again: the text nodes under the
 * article in document order, with every run of white space made one space (the page's
 * markup puts line breaks and indentation where a reader sees one space), and, for each
 * character kept, the text node and offset it comes from — so that a place in the text is a
 * place in the DOM, and back. Text inside `<script>`, `<style>`, `<template>`, form fields
 * and Causette's own elements does not count. Shared by the comments app (which describes a
 * reader's selection) and the anchoring chunk (which finds it again).
 */
import type { PassageAnchor } from "@causette/types";

/** Characters of context kept on each side of a passage (the API allows 64). */
export const CONTEXT = 32;
/**
 * `LIMITS.passageMax`, written out: importing the contract's values here would make them a
 * chunk of their own, shared with counts.js (locate.test.ts checks that the two agree).
 */
export const PASSAGE_MAX = 1_000;

export interface ArticleText {
  /** The text, white space collapsed. */
  text: string;
  /** For each character of `text`: its text node… */
  nodes: Text[];
  /** … and its offset in that node. */
  offsets: number[];
}

const SKIP = /^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT|TEXTAREA|INPUT|SELECT|BUTTON)$/;

/** The article's text (see the module's comment). */
export function articleText(root: Node): ArticleText {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => {
      for (let e = n.parentElement; e && e !== root; e = e.parentElement)
        if (SKIP.test(e.tagName) || e.hasAttribute("data-causette-ui")) return NodeFilter.FILTER_REJECT;
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  let text = "";
  const nodes: Text[] = [];
  const offsets: number[] = [];
  let space = true; // no leading space
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const data = n.data;
    for (let i = 0; i < data.length; i++) {
      const white = /\s/.test(data[i]!);
      if (white && space) continue;
      space = white;
      text += white ? " " : data[i];
      nodes.push(n);
      offsets.push(i);
    }
  }
  return { text, nodes, offsets };
}

/** The offsets in `at.text` that `range` covers, trimmed of spaces at its edges, or null. */
export function rangeOffsets(at: ArticleText, range: Range): { start: number; end: number } | null {
  let start = -1;
  let end = -1;
  for (let i = 0; i < at.text.length; i++) {
    const node = at.nodes[i]!;
    const offset = at.offsets[i]!;
    // Inside when the character's start is at or after the range's start and its end at or before the range's end.
    if (range.comparePoint(node, offset) === 0 && range.comparePoint(node, offset + 1) === 0) {
      if (start < 0) start = i;
      end = i + 1;
    } else if (start >= 0 && range.comparePoint(node, offset) > 0) break;
  }
  while (start >= 0 && start < end && at.text[start] === " ") start++;
  while (end > start && at.text[end - 1] === " ") end--;
  return start >= 0 && end > start ? { start, end } : null;
}

/**
 * The passage `range` selects in `root`, as the API takes it: the words, the context on
 * each side and the position hint; null when the range holds no text of the article.
 */
export function describeRange(root: Node, range: Range): PassageAnchor | null {
  const at = articleText(root);
  const found = rangeOffsets(at, range);
  if (!found) return null;
  const { start } = found;
  // The API keeps 1,000 code points at most: a longer selection is cut (never in a surrogate pair).
  let end = Math.min(found.end, start + PASSAGE_MAX);
  if (/[\uD800-\uDBFF]/.test(at.text[end - 1]!)) end--;
  return {
    exact: at.text.slice(start, end),
    prefix: at.text.slice(Math.max(0, start - CONTEXT), start),
    suffix: at.text.slice(end, end + CONTEXT),
    position: { start, end },
  };
}

/** A DOM range over `at.text.slice(start, end)`. */
export function domRange(at: ArticleText, start: number, end: number): Range {
  const range = document.createRange();
  range.setStart(at.nodes[start]!, at.offsets[start]!);
  range.setEnd(at.nodes[end - 1]!, at.offsets[end - 1]! + 1);
  return range;
}
