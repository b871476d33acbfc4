/**
 * The little DOM the light parts need: an element helper, the shadow root with its styles
 * (constructable stylesheets, which a strict Content-Security-Policy allows) and theme, and
 * a counted share link. Text always goes in as text nodes, never as HTML.
 */
import type { ShareNetwork } from "@causette/types";
import { h } from "../core/h.js";
import { lightText } from "../ui/light-text.js";
import { countShare } from "./beacon.js";

// In their own modules since the loader has them too (core/kit.ts): re-exported here.
export { h, lightText };

/** Options every light part shares (the script tag's `data-*` attributes, or npm). */
export interface LightOptions {
  /** The Causette server's origin; without it nothing is counted or fetched. */
  server?: string;
  site?: string;
  /** The page id; derived from the canonical link or the location when absent. */
  page?: string;
  /** Query parameters that tell pages apart, e.g. `"p"` (see CommentsOptions.pageIdParam). */
  pageIdParam?: string;
  /** "en", "fr", or any BCP 47 tag. Default: `<html lang>`. */
  locale?: string;
  /** "auto" (default) follows the text colour the host page gives the element. */
  theme?: "auto" | "light" | "dark";
  /** Override any string of the loader by its key. */
  strings?: Record<string, string>;
}

// The host keeps its place, the page's font and colour; its own box is ours to draw.
// The comments' accent and defaults: `--causette-accent` in both themes (the optional
// `--causette-accent-dark` overrides it on dark pages). White on #2150b8 and #0a1633 on
// #9db9ff both exceed 4.5:1.
const CSS =
  ":host{border:0!important;padding:0!important;background:0 0!important}" +
  ".w{--a:var(--causette-accent,#2150b8);--t:var(--causette-on-accent,#fff);line-height:1.5}" +
  ".d{--a:var(--causette-accent-dark,var(--causette-accent,#9db9ff));--t:var(--causette-on-accent,#0a1633)}" +
  ".p{display:inline-flex;gap:.4em;align-items:center;padding:.35em .9em;border-radius:2em;background:var(--a);color:var(--t);font-weight:600;text-decoration:none}" +
  ":focus-visible{outline:2px solid var(--a);outline-offset:2px}" +
  ".r{display:flex;flex-wrap:wrap;align-items:center;gap:.5em}" +
  "svg{width:1em;height:1em;fill:currentColor}";

/** Pills for the other networks (share bars, quote boxes that ask for them): outlined, in the text's colour. */
export const PILL_CSS =
  "a:not(.p),button{display:inline-flex;gap:.4em;align-items:center;min-height:24px;padding:.3em .9em;border:1px solid color-mix(in srgb,currentColor 30%,#0000);border-radius:2em;background:0 0;color:inherit;font:inherit;font-size:.9em;text-decoration:none;cursor:pointer}" +
  "a:not(.p):hover,button:hover{background:color-mix(in srgb,currentColor 8%,#0000)}";

const sheets = new Map<string, CSSStyleSheet>();

/**
 * The constructable stylesheet of `css` (allowed by a strict Content-Security-Policy, unlike
 * `<style>`), made once and shared by every shadow root that adopts it.
 */
export function sheet(css: string): CSSStyleSheet {
  let s = sheets.get(css);
  if (!s) {
    s = new CSSStyleSheet();
    s.replaceSync(css);
    sheets.set(css, s);
  }
  return s;
}

/**
 * Renders `content` in `host`'s open shadow root, themed, styled by the light parts' sheet
 * and `css`; returns the function that takes the drawing away (the host's own markup, shown
 * through a slot, comes back).
 */
export function render(
  host: HTMLElement,
  theme: LightOptions["theme"],
  css: string,
  content: HTMLElement,
): () => void {
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  // Dark when asked, or when the host's text is light (the page behind it is then dark).
  content.className += theme === "dark" || (theme !== "light" && lightText(host)) ? " w d" : " w";
  root.adoptedStyleSheets = [sheet(CSS + css)];
  root.replaceChildren(content);
  return () => {
    root.adoptedStyleSheets = [];
    root.replaceChildren(h("slot"));
  };
}

/**
 * A link that opens in a new window and counts the click on the server. Its accessible
 * `name` starts with its visible words and says that it opens a new window (WCAG 2.5.3, 3.2.5).
 */
export function shareLink(
  opts: LightOptions & { page: string },
  network: ShareNetwork,
  href: string,
  label: (Node | string)[],
  name: string,
): HTMLAnchorElement {
  const a = h(
    "a",
    { href, target: "_blank", rel: "noopener", "aria-label": name },
    ...label,
  ) as HTMLAnchorElement;
  a.addEventListener("click", () => countShare(opts.server, opts.site, opts.page, network));
  return a;
}
