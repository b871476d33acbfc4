/**
 * "2 new comments — show": others' new comments are announced, not inserted, so that what
 * the reader is reading does not move. The button sits in a polite live region (screen
 * readers say it when the count changes, without interrupting); it is hidden at 0.
 */
const STRINGS = {
  en: ["{n} new comment — show", "{n} new comments — show"],
  fr: ["{n} nouveau commentaire — afficher", "{n} nouveaux commentaires — afficher"],
};

export interface Notice {
  el: HTMLElement;
  set: (n: number) => void;
}

/** `lang` picks French for fr, fr-CA…, English otherwise; `show` runs on a click. */
export function notice(lang: string, show: () => void): Notice {
  const el = document.createElement("p");
  el.setAttribute("role", "status");
  el.className = "lv";
  const button = document.createElement("button");
  button.type = "button";
  button.onclick = show;
  const strings = STRINGS[/^fr\b/i.test(lang) ? "fr" : "en"];
  return {
    el,
    set: (n) => {
      // The button enters the live region with its text, so the change is what is announced.
      if (n > 0) {
        button.textContent = strings[+(n > 1)]!.replace("{n}", String(n));
        if (!button.isConnected) el.append(button);
      } else button.remove();
    },
  };
}
