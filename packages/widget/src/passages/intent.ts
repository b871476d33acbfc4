/**
 * How a passage travels from the page to the comments app: the selection button (or a quote
 * box's Discuss button) hands the comments container an intent — the passage the reader chose,
 * as the API takes it — before the app may even be loaded. The loader's comments part loads the app
 * on the first intent; the app takes the one left waiting on the element, and every later one
 * from the event.
 */
import type { PassageAnchor } from "@causette/types";

/** What a reader asked for: to comment on a passage of the article. */
export interface PassageIntent {
  anchor: PassageAnchor;
}

/**
 * The event the comments container gets once its thread shows (from the loader, with the
 * server's HTML; from the app, where it drew the thread itself), its
 * `detail` the comments shown (`id` and `anchor` at least): the passages' listener marks them.
 */
export const THREAD = "causette:thread";

/** The event the comments container receives, its `detail` a `PassageIntent`. */
export const INTENT = "causette:intent";

type Waiting = HTMLElement & { causetteIntent?: PassageIntent };

/** Hands `intent` to the comments in `container`, loaded or not. */
export function sendIntent(container: HTMLElement, intent: PassageIntent): void {
  (container as Waiting).causetteIntent = intent;
  container.dispatchEvent(new CustomEvent(INTENT, { detail: intent }));
}

/**
 * Calls `take` with the intent waiting on `container`, if any, then with each new one.
 * Returns the function that stops listening.
 */
export function takeIntents(container: HTMLElement, take: (intent: PassageIntent) => void): () => void {
  const el = container as Waiting;
  const pick = () => {
    const intent = el.causetteIntent;
    el.causetteIntent = undefined;
    if (intent) take(intent);
  };
  pick();
  el.addEventListener(INTENT, pick);
  return () => el.removeEventListener(INTENT, pick);
}
