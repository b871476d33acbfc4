/**
 * The selection button (`passage.js`), fetched by the loader the first time a reader selects
 * words in the article (listener.ts). While a selection lies in the article, a button
 * "Comment on this passage" waits under it — below it, so that on touch screens it stays
 * clear of the handles and of the system's own menu above the selection — and Alt+C does the
 * same from the keyboard; a status message announces both when the button appears. Pressing
 * it describes the passage (anchor/text.ts) and hands the comments an intent (intent.ts),
 * which loads the app if it is not there yet. Self-contained: it shares no chunk with the
 * quote boxes' and share bars' parts, whose sizes it would otherwise change.
 */
import { describeRange } from "../anchor/text.js";
import type { ScriptOptions } from "../core/config.js";
import { sendIntent } from "./intent.js";

const LABEL = { en: "Comment on this passage", fr: "Commenter ce passage" };

// White on #2150b8 is above 4.5:1; the pill stands out on light and dark pages alike.
const CSS =
  ":host{position:absolute!important;z-index:2147483000!important;margin:0!important}" +
  "p{position:absolute;clip-path:inset(50%);white-space:nowrap;margin:0}" +
  "button{padding:.35em .9em;border:0;border-radius:2em;background:var(--causette-accent,#2150b8);color:var(--causette-on-accent,#fff);" +
  "font:600 15px/1.2 system-ui,sans-serif;cursor:pointer;box-shadow:0 2px 8px #0006;white-space:nowrap}" +
  ":focus-visible{outline:2px solid #2150b8;outline-offset:2px}";

/** The label, by the `passage` string option, else the page's language. */
export const buttonLabel = (options: ScriptOptions) =>
  options.strings?.passage ??
  (/^fr\b/i.test(options.locale || document.documentElement.lang) ? LABEL.fr : LABEL.en);

/** Starts the button for selections in `article`, its intents going to `comments`. */
export function startButton(article: Element, comments: HTMLElement, options: ScriptOptions): void {
  const label = buttonLabel(options);
  const host = document.createElement("div");
  host.setAttribute("data-causette-ui", "");
  const root = host.attachShadow({ mode: "open" });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  root.adoptedStyleSheets = [sheet];
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  button.setAttribute("aria-keyshortcuts", "Alt+C");
  button.setAttribute("part", "passage-button");
  const status = document.createElement("p");
  status.setAttribute("role", "status");
  root.append(button, status);
  button.hidden = true;
  document.body.append(host);

  let range: Range | null = null;
  const go = () => {
    const anchor = range && describeRange(article, range);
    if (anchor) sendIntent(comments, { anchor });
    button.hidden = true;
    status.textContent = "";
  };
  // Pressing the button must not take the selection away first.
  button.addEventListener("pointerdown", (e) => e.preventDefault());
  button.addEventListener("click", go);
  addEventListener("keydown", (e) => {
    if (e.altKey && e.code === "KeyC" && !button.hidden) {
      e.preventDefault();
      go();
    }
  });
  const update = () => {
    // Focus on the button itself collapses nothing: the passage stays.
    if (document.activeElement === host) return;
    const s = getSelection();
    const r = s?.rangeCount && !s.isCollapsed ? s.getRangeAt(0) : null;
    const within =
      r && article.contains(r.commonAncestorContainer) && !comments.contains(r.commonAncestorContainer);
    range = r && within && r.toString().trim() ? r.cloneRange() : null;
    const rects = range?.getClientRects();
    const last = rects?.[rects.length - 1];
    if (last) {
      if (button.hidden) status.textContent = `${label} (Alt+C)`;
      const coarse = matchMedia("(pointer: coarse)").matches;
      host.style.top = `${last.bottom + scrollY + (coarse ? 32 : 8)}px`;
      host.style.left = `${Math.max(4, Math.min(last.right - 60, document.documentElement.clientWidth - 240)) + scrollX}px`;
    } else status.textContent = "";
    button.hidden = !last;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  // While a mouse drags, the selection changes at every move: the button waits for a pause.
  document.addEventListener("selectionchange", () => {
    clearTimeout(timer);
    timer = setTimeout(update, 120);
  });
  update();
}

/**
 * A quote box's "Discuss": the comments' form, quoting the box's words (an anchor on them).
 *
 * @example discussQuote(box, article, comments)
 */
export function discussQuote(box: Element, article: Element, comments: HTMLElement): void {
  const range = document.createRange();
  range.selectNodeContents(box.querySelector(".bctt-ctt-text") ?? box);
  const anchor = describeRange(article, range);
  if (anchor) sendIntent(comments, { anchor });
}
