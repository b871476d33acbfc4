/** The loader's part for comment counts: fetches `counts.js` on pages that have some. */
import { optionsFromScript } from "../core/config.js";

type Counts = typeof import("./counts.js");

export function startCounts(script: HTMLScriptElement): void {
  if (document.querySelector("[data-causette-count]"))
    import(/* @vite-ignore */ new URL("counts.js", script.src).href).then(
      (counts: Counts) => counts.mountCounts(document, optionsFromScript(script)),
      Boolean, // the site owner's text stays
    );
}
