/**
 * "2 new comments — show": others' new comments are announced, not inserted, so that what
 * the reader is reading does not move. The button sits in a polite live region (screen
 * readers say it when the count changes, without interrupting); it is hidden at 0.
 */
import { h } from "../core/h.js";

export interface Notice {
  el: HTMLElement;
  set: (n: number) => void;
}

/** In French when `fr` (the thread's language, core/fragment.ts), else English; `show` runs on a click. */
export function notice(fr: boolean, show: () => void): Notice {
  const el = h("p", { role: "status", class: "lv" });
  const button = h("button", { type: "button" });
  button.onclick = show;
  return {
    el,
    set: (n) => {
      // The button enters the live region with its text, so the change is what is announced.
      if (n > 0) {
        const s = n > 1 ? "s" : "";
        button.textContent = fr
          ? `${n} nouveau${n > 1 ? "x" : ""} commentaire${s} — afficher`
          : `${n} new comment${s} — show`;
        button.parentNode || el.append(button);
      } else button.remove();
    },
  };
}
