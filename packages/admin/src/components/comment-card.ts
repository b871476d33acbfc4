import type { AdminComment, BulkAction } from "@causette/types";
import { useEffect, useRef } from "preact/hooks";
import { api } from "../api.js";
import { formatDate, reasonText, STATUS_LABEL } from "../format.js";
import { html } from "../html.js";
import { BanPanel, EditPanel, type Panel, ReplyPanel } from "./panels.js";
import { Passage } from "./passage.js";

export type { Panel };

interface Props {
  comment: AdminComment;
  focused: boolean;
  selected: boolean;
  panel: Panel | null;
  onFocus: () => void;
  onSelect: () => void;
  onAction: (action: BulkAction) => void;
  onPanel: (panel: Panel | null) => void;
  onUpdated: (comments: AdminComment[], message: string) => void;
  onAdded: (comment: AdminComment, message: string) => void;
  onReload: (message: string) => void;
  onError: (e: unknown) => void;
}

/** One comment with everything a moderator may do to it. */
export function CommentCard(p: Props) {
  const c = p.comment;
  const head = `c-${c.id}-head`;
  const name = c.author.name || "(deleted)";
  const self = useRef<HTMLElement>(null);
  useEffect(() => {
    if (p.focused && document.activeElement === document.body) self.current?.focus({ preventScroll: true });
  }, [p.focused]);

  async function lock() {
    try {
      const locked = !c.pageLocked;
      await api.lock(c.site, c.page, locked);
      p.onUpdated(
        [{ ...c, pageLocked: locked }],
        locked ? `Thread of ${c.page} locked.` : `Thread of ${c.page} unlocked.`,
      );
    } catch (e) {
      p.onError(e);
    }
  }

  const action = (a: BulkAction, label: string, key: string) =>
    html`<button type="button" class=${a} onClick=${() => p.onAction(a)} aria-keyshortcuts=${key}>${label}</button>`;

  return html`<article
    ref=${self}
    class=${`comment status-${c.status}${p.focused ? " focused" : ""}`}
    tabindex="-1"
    aria-labelledby=${head}
    onFocusIn=${p.onFocus}
  >
    <header>
      <label class="check">
        <input type="checkbox" checked=${p.selected} onChange=${p.onSelect} />
        <span class="sr-only">Select the comment by ${name}</span>
      </label>
      <h2 id=${head}>
        ${name}${c.author.isModerator ? html` <span class="badge mod">Moderator</span>` : ""}
      </h2>
      <span class=${`badge ${c.status}`}>${STATUS_LABEL[c.status] ?? c.status}</span>
      <dl class="meta">
        <div><dt>E-mail</dt><dd>${c.email ?? "none"}</dd></div>
        ${c.ipHash ? html`<div><dt>Client</dt><dd><code title=${c.ipHash}>${c.ipHash.slice(0, 10)}</code></dd></div>` : ""}
        ${c.author.website ? html`<div><dt>Website</dt><dd>${c.author.website}</dd></div>` : ""}
        <div><dt>Page</dt><dd>
          ${c.site === "default" ? "" : `${c.site} · `}
          ${c.pageUrl ? html`<a href=${c.pageUrl} rel="noopener noreferrer" target="_blank">${c.pageTitle || c.page}</a>` : c.page}
          ${c.pageLocked ? html` <span class="badge">Locked</span>` : ""}
        </dd></div>
        <div><dt>Sent</dt><dd><time datetime=${c.createdAt}>${formatDate(c.createdAt)}</time></dd></div>
      </dl>
    </header>
    ${
      c.reasons.length > 0 &&
      html`<ul class="reasons" aria-label="Why it was held">
        ${c.reasons.map((r) => html`<li key=${r}>${reasonText(r)}</li>`)}
      </ul>`
    }
    <${Passage} comment=${c} />
    <div class="body" dangerouslySetInnerHTML=${{ __html: c.html }}></div>
    ${c.status === "deleted" && !c.html && html`<p class="muted">The text of this comment was deleted.</p>`}
    <div class="actions" role="group" aria-label=${`Actions on the comment by ${name}`}>
      ${c.status !== "approved" && !(c.status === "deleted" && c.body === "") && action("approve", "Approve", "a")}
      ${c.status !== "spam" && action("spam", "Spam", "s")}
      ${c.status !== "deleted" && action("delete", "Delete", "d")}
      ${(c.status === "spam" || (c.status === "deleted" && c.body !== "")) && action("restore", "Restore", "u")}
      <button type="button" onClick=${() => p.onPanel("edit")} aria-keyshortcuts="e" aria-expanded=${p.panel === "edit"}>Edit</button>
      <button type="button" onClick=${() => p.onPanel("reply")} aria-keyshortcuts="r" aria-expanded=${p.panel === "reply"}>Reply</button>
      <button type="button" onClick=${() => p.onPanel("ban")} aria-keyshortcuts="b" aria-expanded=${p.panel === "ban"}>Ban author</button>
      <button type="button" onClick=${lock}>${c.pageLocked ? "Unlock thread" : "Lock thread"}</button>
    </div>
    ${p.panel === "edit" && html`<${EditPanel} ...${p} />`}
    ${p.panel === "reply" && html`<${ReplyPanel} ...${p} />`}
    ${p.panel === "ban" && html`<${BanPanel} ...${p} />`}
  </article>`;
}
