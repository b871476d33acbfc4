/**
 * The passages in the comments app (issue #17): above the root form, the passage the reader
 * chose, with a way to drop it; in the thread, above a comment made on a passage, the
 * quotation, linking back to it. Following the link asks the anchoring chunk to scroll the
 * article to the words and mark them a moment (`causette:passage`); where the chunk is not
 * there, the link's Text Fragment (`#:~:text=`) lets the browser find them — and a shared
 * link opens the article at the passage. A passage the chunk could not find again says so.
 * Both render on the server too (ssr.ts): the quotation is in the server's HTML of the thread,
 * as found (the first client render, which hydration keeps).
 */
import type { Comment, PassageAnchor } from "@causette/types";
import { html } from "htm/preact";
import { Component } from "preact";
import type { PassageQuery } from "../anchor/chunk.js";
import type { Thread } from "../stores/thread.js";

// In a fragment directive, `-`, `,` and `&` are syntax: they are escaped in the words.
const part = (words: string) => encodeURIComponent(words).replace(/-/g, "%2D");

/** Up to `n` whole words at the end (`tail`) or start of `text` that touch the passage. */
function words(text: string, n: number, tail: boolean): string {
  const list = text.split(" ");
  // The context's own edge toward the passage is a space: no word there.
  if (tail && list.at(-1) === "") list.pop();
  if (!tail && list[0] === "") list.shift();
  // The word cut by the context's edge is not whole: it is left out.
  const whole = tail ? list.slice(1) : list.slice(0, -1);
  return (tail ? whole.slice(-n) : whole.slice(0, n)).join(" ").trim();
}

/**
 * A Text Fragment for the passage: its words (their first and last five when long), with a
 * few words of context when the context has whole ones.
 *
 * @example textFragment({ exact: "deux fois", prefix: "il faut lire ", suffix: " et" }) // ":~:text=lire-,deux%20fois"
 */
export function textFragment(a: PassageAnchor): string {
  const list = a.exact.split(/\s+/);
  const text =
    list.length > 12
      ? `${part(list.slice(0, 5).join(" "))},${part(list.slice(-5).join(" "))}`
      : part(a.exact);
  const before = words(a.prefix, 3, true);
  const after = words(a.suffix, 3, false);
  return `:~:text=${before ? `${part(before)}-,` : ""}${text}${after ? `,-${part(after)}` : ""}`;
}

/** The passage above the root form, while there is one. */
export function FormPassage({ thread }: { thread: Thread }) {
  const a = thread.$ui.get().passage;
  const { t } = thread.i18n;
  return (
    a &&
    html`<figure class="pq" part="passage">
      <figcaption class="muted">${t("onPassage")}</figcaption>
      <blockquote><p>${a.exact}</p></blockquote>
      <button type="button" class="secondary" onClick=${() => thread.quote(null)}>${t("dropPassage")}</button>
    </figure>`
  );
}

interface QuotationProps {
  thread: Thread;
  c: Comment;
}

/** Asks the anchoring chunk about comment `id`'s passage (answered synchronously, or not at all). */
function ask(id: string, go?: boolean): PassageQuery & { handled: boolean } {
  const detail: PassageQuery = { id, go };
  const handled = !document.dispatchEvent(new CustomEvent("causette:passage", { detail, cancelable: true }));
  return { ...detail, handled };
}

/** The quotation a comment on a passage starts with. */
export class Quotation extends Component<QuotationProps, { found?: boolean }> {
  update = () => this.setState({ found: ask(this.props.c.id).found });
  override componentDidMount() {
    this.update();
    document.addEventListener("causette:passages", this.update);
  }
  override componentWillUnmount() {
    document.removeEventListener("causette:passages", this.update);
  }
  go = (e: Event) => {
    if (ask(this.props.c.id, true).handled) e.preventDefault();
  };
  render({ thread, c }: QuotationProps, { found }: { found?: boolean }) {
    const a = c.anchor!;
    const { t } = thread.i18n;
    const lost = found === false;
    // The page's own address (this same tree is rendered on the server, which does not know it).
    const href = `#${textFragment(a)}`;
    return html`<figure class=${lost ? "pq lost" : "pq"} part="passage">
      <figcaption class="muted">${t(lost ? "changed" : "onPassage")}</figcaption>
      <blockquote cite=${href}><p>${lost ? a.exact : html`<a href=${href} title=${t("toPassage")} onClick=${this.go}>${a.exact}</a>`}</p></blockquote>
    </figure>`;
  }
}
