/**
 * Live updates for the npm API's `mountComments` (the script tag's loader holds its own
 * stream: loader/comments.ts): the page's stream (live.ts) handed to the comments app as the
 * loader hands it (core/events.ts LIVE_EVENT), and the same polite notice of others' new
 * comments above the thread. Returns the function that takes the notice away, which closes
 * the stream.
 */
import { LIVE_EVENT, type LiveDetail } from "../core/events.js";
import { fragmentLang } from "../core/fragment.js";
import type { CommentsOptions } from "../core/options.js";
import { notice } from "./notice.js";
import { live } from "./stream.js";

export function follow(element: HTMLElement, options: CommentsOptions, page: string): () => void {
  const tell = (type: string, data?: unknown) => {
    const d: LiveDetail = { type, data, fresh: 0 };
    element.dispatchEvent(new CustomEvent(LIVE_EVENT, { detail: d }));
    return d.fresh;
  };
  const fr = fragmentLang(options.locale || document.documentElement.lang || "en") === "fr";
  const note = notice(fr, () => note.set(tell("show")));
  const root = element.shadowRoot!;
  root.insertBefore(note.el, root.querySelector("div.causette"));
  const own = (e: Event) => {
    const d = (e as CustomEvent<LiveDetail>).detail;
    if (d.type === "fresh") note.set(d.fresh);
  };
  element.addEventListener(LIVE_EVENT, own);
  // Watched: the notice, right above the thread. Removed when unmounted, it is off screen
  // for good, and the stream closes.
  live(options.server ?? "", options.site || "default", page, note.el, (type, data) =>
    note.set(tell(type, data)),
  );
  return () => {
    element.removeEventListener(LIVE_EVENT, own);
    note.el.remove();
  };
}
