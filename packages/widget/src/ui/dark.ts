import { lightText } from "./light-text.js";

// The files the loader fetches take the loader's (core/kit.ts).

/**
 * Light or dark. Forced by the `theme` option; else the host's own switch (a `dark`/`light`
 * class or a `data-theme` or `data-color-scheme` attribute on `<html>` or `<body>`); else the colour the page
 * really shows its text in — light text means a dark page, whether the page follows
 * `prefers-color-scheme` or has its own dark design.
 */
export function isDark(el: Element, theme?: string): boolean {
  if (theme === "dark" || theme === "light") return theme === "dark";
  // `document.body` is null when mounted from a script in <head>.
  for (const node of [document.documentElement, document.body]) {
    if (!node) continue;
    const says = `${node.className} ${["data-theme", "data-color-scheme"].map((a) => node.getAttribute(a)).join(" ")}`;
    if (/\bdark\b/.test(says)) return true;
    if (/\blight\b/.test(says)) return false;
  }
  // The same rule as the quote boxes and share bars, so that on one page all agree.
  return lightText(el);
}
