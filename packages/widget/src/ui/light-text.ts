// The files the loader fetches take the loader's (core/kit.ts).

/**
 * Whether the host's text is light — the page behind it is then dark. Browsers give the
 * colour in the space it was written in: `rgb(r, g, b)` (0–255) for hex, names, hsl…, and
 * `oklch(L …)`, `oklab(L …)` (L 0–1), `lab(L …)`, `lch(L …)` (0–100) or `color(space r g b)`
 * (0–1) for the others (Tailwind 4's palette is oklch). Its lightness, from 0 to 1, is above
 * 0.55: in rgb, r + 2g + b above 561 (a grey from #8d8d8d).
 */
export function lightText(host: Element): boolean {
  const c = getComputedStyle(host).color;
  // The numbers after "(", a space or a comma: not the 3 of "display-p3".
  const [x = 0, y = 0, z = 0] = c.match(/(?<=[(\s,])[\d.]+/g) ?? [];
  const f = c[0];
  return (f === "l" ? +x / 100 : f === "o" ? +x : (+x + 2 * +y + +z) / (f === "r" ? 1020 : 4)) > 0.55;
}
