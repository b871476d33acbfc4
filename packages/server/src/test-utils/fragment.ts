/**
 * Reading `GET /api/comments.html` as a crawler would: the fragment parsed by a real HTML
 * parser (linkedom), and the schema.org microdata of an item read from its markup.
 */
import { parseHTML } from "linkedom";

/** The part of the DOM these tests read (the server is typed without the DOM's lib). */
export interface Element {
  readonly tagName: string;
  readonly id: string;
  readonly textContent: string | null;
  readonly innerHTML: string;
  readonly parentElement: Element | null;
  closest(selector: string): Element | null;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): ArrayLike<Element> & Iterable<Element>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  getAttributeNames(): string[];
}

export interface Document {
  getElementById(id: string): Element | null;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): ArrayLike<Element> & Iterable<Element>;
}

/** The fragment parsed in a document's body. */
export function html(fragment: string): Document {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${fragment}</body></html>`);
  return document as unknown as Document;
}

/** Elements under `item` matching `selector` that belong to it, not to an article nested in it. */
export function ownAll(item: Element, selector: string): Element[] {
  return [...item.querySelectorAll(selector)].filter((el) => el.parentElement?.closest("article") === item);
}

export function ownOne(item: Element, selector: string): Element {
  const found = ownAll(item, selector);
  if (found.length !== 1) throw new Error(`${found.length} elements ${selector} in #${item.id}`);
  return found[0]!;
}

/** A microdata item: its properties, nested items as objects with their `type`, repeated ones as arrays. */
export type Item = { type?: string } & Record<string, unknown> & { author?: Item & Record<string, string> };

/** The properties of the item `scope` (an element with `itemscope`), as the microdata rules read them. */
export function microdata(scope: Element): Item {
  const item: Record<string, unknown> = {};
  for (const el of scope.querySelectorAll("[itemprop]")) {
    if (el.parentElement?.closest("[itemscope]") !== scope) continue;
    const value = el.hasAttribute("itemscope")
      ? { type: el.getAttribute("itemtype") ?? undefined, ...microdata(el) }
      : propertyValue(el);
    for (const name of (el.getAttribute("itemprop") ?? "").split(/\s+/).filter(Boolean)) {
      const before = item[name];
      item[name] = before === undefined ? value : [before, value].flat();
    }
  }
  return item as Item;
}

function propertyValue(el: Element): string {
  switch (el.tagName) {
    case "A":
    case "LINK":
    case "AREA":
      return el.getAttribute("href") ?? "";
    case "META":
      return el.getAttribute("content") ?? "";
    case "TIME":
      return el.getAttribute("datetime") ?? el.textContent ?? "";
    case "DATA":
    case "METER":
      return el.getAttribute("value") ?? "";
    case "IMG":
      return el.getAttribute("src") ?? "";
    default:
      return (el.textContent ?? "").trim();
  }
}
