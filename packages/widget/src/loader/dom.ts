/**
 * The loader's element helper: HTML elements with attributes, no children. share/dom.ts's
 * `h` (SVG, children) is the light parts' and the app's; the loader, which every page
 * fetches, needs only this.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const name in attrs) e.setAttribute(name, attrs[name]!);
  return e;
}
