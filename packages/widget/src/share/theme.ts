/**
 * Following the page's dark-mode switch after the light parts are drawn: when the page
 * changes a class, `data-theme` or style on `<html>` or `<body>`, or the system's scheme
 * changes, every part drawn with the automatic theme looks again at the text colour the
 * page gives it (once more a little later, as pages often fade colours in). One observer
 * for the whole page. Lives in the lazy chunks, so the loader stays small; a forced theme
 * ("light", "dark") is left alone.
 */
import { lightText } from "../ui/light-text.js";

const hosts = new Set<HTMLElement>();
let watching = false;

const retheme = (host: HTMLElement) =>
  host.shadowRoot?.querySelector(".w")?.classList.toggle("d", lightText(host));
const update = () => hosts.forEach(retheme);

/** Makes `host` follow the page's theme; returns the function that stops it. */
export function followTheme(host: HTMLElement, theme?: string): () => void {
  if (theme === "light" || theme === "dark") return () => {};
  if (!watching) {
    watching = true;
    const later = () => {
      update();
      setTimeout(update, 400);
    };
    const observer = new MutationObserver(later);
    for (const el of [document.documentElement, document.body])
      if (el)
        observer.observe(el, { attributeFilter: ["class", "data-theme", "data-color-scheme", "style"] });
    matchMedia("(prefers-color-scheme: dark)").addEventListener("change", later);
  }
  hosts.add(host);
  // A part drawn before the page's colours settled looks again.
  retheme(host);
  return () => hosts.delete(host);
}
