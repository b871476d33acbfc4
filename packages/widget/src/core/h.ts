/**
 * The element helper of the loader and the light parts; text always goes in as text nodes,
 * never as HTML. The files the loader fetches take the loader's (core/kit.ts).
 */

/** `<tag attrs>children</tag>`; string children become text nodes; `svg` and `path` are SVG's. */
export function h(
  tag: string,
  attrs: Record<string, string | undefined> = {},
  ...children: (Node | string)[]
): HTMLElement {
  const el = /^(svg|path)$/.test(tag)
    ? (document.createElementNS("http://www.w3.org/2000/svg", tag) as Element as HTMLElement)
    : document.createElement(tag);
  for (const k in attrs) if (attrs[k] !== undefined) el.setAttribute(k, attrs[k]);
  el.append(...children);
  return el;
}
