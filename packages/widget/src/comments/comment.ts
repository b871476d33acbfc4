import type { Comment } from "@causette/types";
import { html } from "htm/preact";
import { h, type VNode } from "preact";
import { Quotation } from "../passages/quote.js";
import type { Thread, ThreadState } from "../stores/thread.js";
import { Avatar } from "../ui/avatar.js";
import { Form } from "./form.js";

export interface ItemProps {
  th: Thread;
  s: ThreadState;
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
  const { s, id, depth, max } = props;
  const out = [];
  for (const stack = [id]; stack.length; ) {
    const next = stack.pop()!;
    out.push(Item({ ...props, id: next, depth: next === id ? depth : max }));
    if (depth === max - 1) for (let kids = s.kids[next] ?? [], i = kids.length; i--; ) stack.push(kids[i]!);
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
function Item({ th, s, id, depth, max, now }: ItemProps): VNode | null {
  const c = s.byId[id] as Comment;
  const kids = s.kids[id] ?? [];
  const gone = c.status === "deleted";
  if (gone && !kids.length) return null;
  const { t, ago, date } = th.i18n;
  const at = Date.parse(c.createdAt);
  const clock = Date.now();
  const left = gone ? 0 : th.timeLeft(id, clock);
  const parent = c.parentId ? s.byId[c.parentId] : undefined;
  const site = safeUrl(c.author.website);
  const held = c.status === "pending";
  const votes = !gone && !held;
  const vote = th.myVote(id);
  const mine = left > 0 && s.edit !== id;
  return html`<li key=${id}>
    <article id=${`comment-${id}`} class=${s.flash === id ? "hl" : undefined} tabindex="-1" aria-labelledby=${gone ? undefined : `n-${id}`} part="comment">
      ${gone ? html`<p class="m">${t("deleted")}</p>` : Avatar(c.author.avatar)}
      ${
        !gone &&
        html`<div class="mh">
          <h3 id=${`n-${id}`}>${site ? html`<a href=${site} rel="nofollow ugc noopener noreferrer">${c.author.name}</a>` : c.author.name}${c.author.isModerator && html` <span class="bd">${t("mod")}</span>`}</h3>
          <a class="m" href=${`#comment-${id}`}><time datetime=${c.createdAt} title=${date(at)}>${ago(Math.min(at, clock), clock)}</time></a>
          ${c.editedAt && html`<span class="m">${t("edited")}</span>`}
          ${depth >= max && parent && html`<a class="m" href=${`#comment-${parent.id}`}>${t("replyTo", { name: parent.author.name || "…" })}</a>`}
          ${held && html`<span class="pd">${t("pending")}</span>`}
        </div>`
      }
      ${
        gone ||
        (s.edit === id
          ? html`<${Form} th=${th} id=${`e-${id}`} edit=${id} onCancel=${() => th.set({ edit: null, focus: `e-${id}` })} />`
          : html`${c.anchor && h(Quotation, { th, c })}<div class="b" part="body" dangerouslySetInnerHTML=${{ __html: c.html }}></div>`)
      }
      ${
        !gone &&
        html`<div class="ac">
          ${votes && html`<button data-a="like" aria-label=${t("like")} aria-pressed=${vote === 1}></button>`}
          ${votes && html`<span class="sc">${c.score}</span>`}
          ${votes && html`<button data-a="dislike" aria-label=${t("dislike")} aria-pressed=${vote === -1}></button>`}
          ${votes && !s.page?.locked && html`<button id=${`r-${id}`} aria-expanded=${s.reply === id} aria-describedby=${`n-${id}`} data-a="reply">${t("reply")}</button>`}
          ${mine && html`<button id=${`e-${id}`} data-a="edit">${t("edit")}</button>`}
          ${mine && html`<button data-a="del">${t("del")}</button>`}
          ${mine && html`<span class="m">${t("left", { t: Math.ceil(left / 60) })}</span>`}
          ${s.alert?.id === id && html`<span class="err" role="alert">${s.alert.text}</span>`}
        </div>`
      }
      ${!gone && s.reply === id && html`<${Form} th=${th} id=${`f-${id}`} parent=${id} onCancel=${() => th.set({ reply: null, focus: `r-${id}` })} />`}
      ${
        kids.length > 0 &&
        depth < max - 1 &&
        html`<ol>
          ${kids.flatMap((k) => Branch({ th, s, id: k, depth: depth + 1, max, now }))}
        </ol>`
      }
    </article>
  </li>`;
}
