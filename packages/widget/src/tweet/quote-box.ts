/**
 * Click-to-tweet quote boxes, drawn inside the site owner's element (open Shadow DOM):
 * `<blockquote data-causette-tweet>` and the markup of WordPress's Better Click To Tweet
 * (`.bctt-click-to-tweet`). The light DOM is left as written — search engines and readers
 * without JavaScript keep the quote and its plain link — and is not rendered once the box
 * is (unmounting puts a slot back, so the original markup shows again).
 *
 * `drawQuoteBox` draws the box with the markup's own intent link or a plain one;
 * `upgradeQuoteBox` (quote-upgrade.ts) then reads the options and swaps in the post shortened
 * to fit X's limit, and adds more networks. Both are in `light.js` (src/light/chunk.ts).
 */
import { loaderI18n } from "../loader/strings.js";
import { h, type LightOptions, render, shareLink } from "../share/dom.js";
import { clean, INTENT_LINK } from "./text.js";

/** Selects the elements the loader upgrades. */
export const QUOTE_SELECTOR = "[data-causette-tweet],.bctt-click-to-tweet";

/** The page's URL as a post should carry it: the canonical link, else without the hash. */
export function canonicalUrl(): string {
  return document.querySelector<HTMLLinkElement>("link[rel=canonical]")?.href || location.href.split("#")[0]!;
}

/** A drawn box, for `upgradeQuoteBox` to finish. */
export interface QuoteBox {
  el: HTMLElement;
  /** The quote as shown. */
  quote: string;
  /** X's button. */
  button: HTMLAnchorElement;
  /** The row of buttons, where the links of more networks go. */
  row: HTMLElement;
  opts: LightOptions & { page: string };
  unmount: () => void;
}

const CSS =
  ".b{padding:1em 1.25em;border-left:4px solid var(--a);border-radius:6px;background:color-mix(in srgb,currentColor 5%,#0000)}" +
  ".q{margin:0 0 .75em;font-size:1.15em}" +
  // "Discuss" (passages, issue #17): outlined, after X's filled button.
  "button{padding:.35em .9em;border:1px solid;border-radius:2em;background:0 0;color:inherit;font:inherit;font-weight:600;cursor:pointer}";

/** "Discuss", `[English, French]`: in the loader only, not in the strings the other parts share. */
const DISCUSS = [{ discuss: "Discuss" }, { discuss: "En discuter" }];

/** The options of a box: the light parts' ones, and what "Discuss" does (passages/listener.ts). */
export interface QuoteBoxOptions extends LightOptions {
  /** Opens the comments' form quoting the box's words; without it, the box has no "Discuss". */
  discuss?: (box: HTMLElement) => void;
}

/** Draws the box in `el`, its button going where the markup's link goes (or a plain intent). */
export function drawQuoteBox(el: HTMLElement, options: QuoteBoxOptions = {}): QuoteBox {
  const discuss = options.discuss;
  const i18n = loaderI18n(options.locale, options.strings, discuss && DISCUSS);
  // The page id comes derived: from the loader (optionsFromScript) or mountClickToTweet.
  const opts = options as LightOptions & { page: string };
  const copy = (el.querySelector(".bctt-ctt-text") ?? el).cloneNode(true) as HTMLElement;
  for (const a of copy.querySelectorAll(INTENT_LINK)) if (!a.closest(".bctt-ctt-text")) a.remove();
  const quote = clean(copy.textContent);
  const href =
    el.querySelector<HTMLAnchorElement>(INTENT_LINK)?.href ||
    `https://x.com/intent/tweet?text=${encodeURIComponent(quote)}&url=${encodeURIComponent(canonicalUrl())}`;
  // An X mark of our own drawing (two bands), hidden from assistive tech.
  const mark = h(
    "svg",
    { viewBox: "0 0 24 24", "aria-hidden": "true" },
    h("path", { d: "M3 3h5.5L21 21h-5.5zM19.2 3H21L4.8 21H3z" }),
  );
  const button = shareLink(opts, "x", href, [mark, i18n.t("tweet")], i18n.t("tweet") + i18n.t("newWindow"));
  button.className = "p";
  // Ids are scoped to each shadow root: "q" cannot clash with the page or another box.
  button.setAttribute("aria-describedby", "q");
  const row = h("div", { class: "r" }, button);
  if (discuss) {
    const talk = h("button", { type: "button", "aria-describedby": "q" }, i18n.t("discuss"));
    talk.onclick = () => discuss(el);
    row.append(talk);
  }
  const unmount = render(
    el,
    options.theme,
    CSS,
    h("div", { class: "b", part: "box" }, h("p", { class: "q", id: "q", part: "quote" }, quote), row),
  );
  return { el, quote, button, row, opts, unmount };
}
