/**
 * The passage of the article a comment is about (issue #17), shown above its text: the words
 * as a quotation, with the context a reader saw around them, dimmed. Text only, never markup.
 */
import type { AdminComment } from "@causette/types";
import { html } from "../html.js";

const ELLIPSIS = "…";

export function Passage({ comment: c }: { comment: AdminComment }) {
  const a = c.anchor;
  if (!a) return null;
  return html`<figure class="passage">
    <figcaption>On the passage</figcaption>
    <blockquote cite=${c.pageUrl ?? undefined}>
      <p>
        ${a.prefix && html`<span class="context">${ELLIPSIS}${a.prefix}</span>`}<mark>${a.exact}</mark>${a.suffix && html`<span class="context">${a.suffix}${ELLIPSIS}</span>`}
      </p>
    </blockquote>
  </figure>`;
}
