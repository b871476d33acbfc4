/** The loader's part for share bars: fetches `share.js` on pages that have one. */
import { optionsFromScript } from "../core/config.js";

type Share = typeof import("./chunk.js");

export function startShares(script: HTMLScriptElement): void {
  const els = document.querySelectorAll<HTMLElement>("[data-causette-share]");
  if (!els.length) return;
  const options = optionsFromScript(script);
  import(/* @vite-ignore */ new URL("share.js", script.src).href).then((share: Share) => {
    for (const el of els) share.mountShareBar(el, options);
  }, Boolean);
}
