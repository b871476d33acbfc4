/**
 * Following a page's dark-mode switch after the box is drawn: when the page changes a class,
 * `data-theme` or style on `<html>` or `<body>`, or the system's scheme changes, the light
 * parts look again at the text colour the page gives them. Lives in the lazy chunks, so the
 * loader stays small; a forced theme ("light", "dark") is left alone.
 */
import { lightText } from "./dom.js";

export function followTheme(host: HTMLElement, theme?: string): () => void {
  if (theme === "light" || theme === "dark") return () => {};
  const update = () => host.shadowRoot?.querySelector(".w")?.classList.toggle("d", lightText(host));
  // Pages often fade colours in: look again once the transition is likely over.
  const later = () => {
    update();
    setTimeout(update, 400);
  };
  const observer = new MutationObserver(later);
  for (const el of [document.documentElement, document.body].filter(Boolean)) {
    observer.observe(el, {
      attributes: true,
      attributeFilter: ["class", "data-theme", "data-color-scheme", "style"],
    });
  }
  const scheme = matchMedia("(prefers-color-scheme: dark)");
  scheme.addEventListener("change", later);
  return () => {
    observer.disconnect();
    scheme.removeEventListener("change", later);
  };
}
