/**
 * @module comments
 * The comments app, loaded by the loader on pages that have a comments container.
 */
import type { CommentsOptions } from "../core/options.js";

export function mount(el: HTMLElement, options: CommentsOptions): () => void {
  const root = el.shadowRoot ?? el.attachShadow({ mode: "open" });
  const section = document.createElement("section");
  section.setAttribute("aria-label", "Comments");
  section.dataset.server = options.server;
  root.replaceChildren(section);
  return () => root.replaceChildren();
}
