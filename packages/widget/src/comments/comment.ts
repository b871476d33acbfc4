import type { Comment } from "@causette/types";
import { html } from "htm/preact";
import { h, type VNode } from "preact";
import { Quotation } from "../passages/quote.js";
import type { Thread, Ui } from "../stores/thread.js";
import { Avatar } from "../ui/avatar.js";
import { Form } from "./form.js";

export interface ItemProps {
  thread: Thread;
  id: string;
  /** 0 for a root comment. */
  depth: number;
  /** Nesting shown before replies stop indenting. */
  max: number;
  /** The half-minute tick: a new value re-renders relative times and edit windows. */
  now: number;
}

/** Only http(s) links: a `javascript:` website must never become a link. */
const safeUrl = (u: string | null) => (u && /^https?:\/\//i.test(u) ? u : null);

/**
 * The list items of comment `id` in its parent's list: its own, and, when it sits at the
 * display depth (`depth === max - 1`), one after it for every reply below it, at any depth,
 * in thread order (depth-first), each saying whom it answers. The DOM then nests no deeper
 * than the display depth, however long a reply chain grows, and the walk below it uses an
 * explicit stack: a chain 10,000 deep costs what 10,000 replies to one comment cost.
 */
export function Branch(props: ItemProps): (VNode | null)[] {
  const { thread, id, depth, max } = props;
  const { kids } = thread.tree;
  const ui = thread.$ui.get();
  const out = [];
  for (const stack = [id]; stack.length; ) {
    const next = stack.pop()!;
    out.push(Item({ ...props, id: next, depth: next === id ? depth : max }, ui));
    if (depth === max - 1) for (let list = kids[next] ?? [], i = list.length; i--; ) stack.push(list[i]!);
  }
  return out;
}

/**
 * One comment as an `<article>` in a list item; above the display depth, its replies in a
 * list inside it — how HTML says "thread". From the display depth on, replies are not
 * nested (Branch lists them) and say whom they answer.
 *
 * A plain function, not a component, and its children a flat list rather than fragments: a
 * long thread then costs one element per element, without a component or a fragment per
 * comment, reply and avatar (most of the work of a first render in a cold browser).
 */
function Item({ thread, id, depth, max, now }: ItemProps, ui: Ui): VNode | null {
  const { byId } = thread.tree;
  const c = byId[id] as Comment;
  const kids = thread.tree.kids[id] ?? [];
  const gone = c.status === "deleted";
  if (gone && !kids.length) return null;
  const { t, ago, date } = thread.i18n;
  const at = Date.parse(c.createdAt);
  const clock = Date.now();
  const left = gone ? 0 : thread.timeLeft(id, clock);
  const parent = c.parentId ? byId[c.parentId] : undefined;
  const site = safeUrl(c.author.website);
  const held = c.status === "pending";
  const votes = !gone && !held;
  const vote = thread.myVote(id);
  const mine = left > 0 && ui.edit !== id;
  // schema.org microdata (a Comment, its author a Person, replies its `comment`s): what
  // search engines read in the server's HTML. A deleted placeholder is no Comment.
  return html`<li key=${id}>
    <article id=${`comment-${id}`} data-anchor=${gone || !c.anchor ? undefined : JSON.stringify(c.anchor)} class=${ui.flash === id ? "highlight" : undefined} tabindex="-1" aria-labelledby=${gone ? undefined : `n-${id}`} part="comment" itemscope=${!gone} itemtype=${gone ? undefined : "https://schema.org/Comment"} itemprop=${gone || !c.parentId ? undefined : "comment"}>
      ${gone ? html`<p class="muted">${t("deleted")}</p>` : Avatar(c.author.avatar)}
      ${
        !gone &&
        html`<div class="meta">
          <h3 id=${`n-${id}`} itemprop="author" itemscope itemtype="https://schema.org/Person">${site ? html`<a href=${site} rel="nofollow ugc noopener noreferrer" itemprop="url"><span itemprop="name">${c.author.name}</span></a>` : html`<span itemprop="name">${c.author.name}</span>`}${c.author.isModerator && html` <span class="badge">${t("mod")}</span>`}</h3>
          <a class="muted" href=${`#comment-${id}`}><time datetime=${c.createdAt} title=${date(at)} itemprop="dateCreated">${ago(Math.min(at, clock), clock)}</time></a>
          ${c.editedAt && html`<span class="muted">${t("edited")}</span>`}
          ${depth >= max && parent && html`<a class="muted" href=${`#comment-${parent.id}`}>${t("replyTo", { name: parent.author.name || "…" })}</a>`}
          ${held && html`<span class="pending">${t("pending")}</span>`}
        </div>`
      }
      ${
        gone ||
        (ui.edit === id
          ? html`<${Form} thread=${thread} id=${`e-${id}`} edit=${id} onCancel=${() => thread.closeForm(`e-${id}`)} />`
          : html`${c.anchor && h(Quotation, { thread, c })}<div class="body" part="body" itemprop="text" dangerouslySetInnerHTML=${{ __html: c.html }}></div>`)
      }
      ${
        !gone &&
        html`<div class="actions">
          ${votes && html`<button data-a="like" aria-label=${t("like")} aria-pressed=${vote === 1}></button>`}
          ${votes && html`<span class="score" itemprop="upvoteCount">${c.score}</span>`}
          ${votes && html`<button data-a="dislike" aria-label=${t("dislike")} aria-pressed=${vote === -1}></button>`}
          ${votes && !thread.$meta.get().page?.locked && html`<button id=${`r-${id}`} aria-expanded=${ui.reply === id} aria-describedby=${`n-${id}`} data-a="reply">${t("reply")}</button>`}
          ${mine && html`<button id=${`e-${id}`} data-a="edit">${t("edit")}</button>`}
          ${mine && html`<button data-a="del">${t("del")}</button>`}
          ${mine && html`<span class="muted">${t("left", { t: Math.ceil(left / 60) })}</span>`}
          ${ui.alert?.id === id && html`<span class="err" role="alert">${ui.alert.text}</span>`}
        </div>`
      }
      ${!gone && ui.reply === id && html`<${Form} thread=${thread} id=${`f-${id}`} parent=${id} onCancel=${() => thread.closeForm(`r-${id}`)} />`}
      ${
        kids.length > 0 &&
        depth < max - 1 &&
        html`<ol>
          ${kids.flatMap((k) => Branch({ thread, id: k, depth: depth + 1, max, now }))}
        </ol>`
      }
    </article>
  </li>`;
}
