import type { AdminComment, BanKind } from "@causette/types";
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api.js";
import { html } from "../html.js";

/** The panel a comment card has open under it. */
export type Panel = "edit" | "reply" | "ban";

interface PanelProps {
  comment: AdminComment;
  onPanel: (panel: Panel | null) => void;
  onUpdated: (comments: AdminComment[], message: string) => void;
  onAdded: (comment: AdminComment, message: string) => void;
  onReload: (message: string) => void;
  onError: (e: unknown) => void;
}

function useFirstField() {
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

function onEscape(close: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  };
}

/** Edit the Markdown of a comment; the server renders and sanitizes it again. */
export function EditPanel(p: PanelProps) {
  const c = p.comment;
  const field = useFirstField();
  const [busy, setBusy] = useState(false);
  async function save(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      const res = await api.edit(c.id, field.current?.value ?? "");
      p.onUpdated([res.comment], `Comment by ${c.author.name} saved.`);
      p.onPanel(null);
    } catch (e) {
      p.onError(e);
    } finally {
      setBusy(false);
    }
  }
  const id = `edit-${c.id}`;
  return html`<form class="panel" onSubmit=${save} onKeyDown=${onEscape(() => p.onPanel(null))}>
    <label for=${id}>Edit the comment (Markdown)</label>
    <textarea id=${id} ref=${field} rows="6" required>${c.body}</textarea>
    <div class="actions">
      <button class="primary" type="submit" disabled=${busy}>Save</button>
      <button type="button" onClick=${() => p.onPanel(null)}>Cancel</button>
    </div>
  </form>`;
}

const NAME_KEY = "causette-admin-name";

/** Answer a comment; the reply is published at once with the moderator badge. */
export function ReplyPanel(p: PanelProps) {
  const c = p.comment;
  const field = useFirstField();
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState(() => localStorage.getItem(NAME_KEY) || "Moderator");
  async function send(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      localStorage.setItem(NAME_KEY, name);
      const res = await api.reply(c.id, field.current?.value ?? "", name);
      p.onAdded(res.comment, `Reply to ${c.author.name} published.`);
      p.onPanel(null);
    } catch (e) {
      p.onError(e);
    } finally {
      setBusy(false);
    }
  }
  return html`<form class="panel" onSubmit=${send} onKeyDown=${onEscape(() => p.onPanel(null))}>
    <label for=${`reply-${c.id}`}>Reply to ${c.author.name} as moderator (Markdown)</label>
    <textarea id=${`reply-${c.id}`} ref=${field} rows="4" required></textarea>
    <label for=${`reply-name-${c.id}`}>Shown as</label>
    <input id=${`reply-name-${c.id}`} value=${name} onInput=${(e: Event) => setName((e.target as HTMLInputElement).value)} required />
    <div class="actions">
      <button class="primary" type="submit" disabled=${busy}>Publish reply</button>
      <button type="button" onClick=${() => p.onPanel(null)}>Cancel</button>
    </div>
  </form>`;
}

/** Ban the author by e-mail or by IP hash, and optionally mark all their comments as spam. */
export function BanPanel(p: PanelProps) {
  const c = p.comment;
  const [kind, setKind] = useState<BanKind>(c.email ? "email" : "ip");
  const [spamAll, setSpamAll] = useState(true);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  async function ban(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      const res = await api.ban({ kind, commentId: c.id, spamAll });
      const others = res.marked ? ` ${res.marked} comment${res.marked === 1 ? "" : "s"} marked as spam.` : "";
      p.onReload(`Author banned by ${kind === "email" ? "e-mail" : "IP hash"}.${others}`);
      p.onPanel(null);
    } catch (e) {
      p.onError(e);
    } finally {
      setBusy(false);
    }
  }
  const none = !c.email && !c.ipHash;
  return html`<form class="panel" onSubmit=${ban} onKeyDown=${onEscape(() => p.onPanel(null))}>
    <fieldset>
      <legend>Ban ${c.author.name}</legend>
      ${none && html`<p>This comment carries neither an e-mail address nor a client hash.</p>`}
      <label class="check">
        <input ref=${first} type="radio" name=${`kind-${c.id}`} checked=${kind === "email"} disabled=${!c.email}
          onChange=${() => setKind("email")} />
        By e-mail${c.email ? ` (${c.email})` : " (none given)"}
      </label>
      <label class="check">
        <input type="radio" name=${`kind-${c.id}`} checked=${kind === "ip"} disabled=${!c.ipHash}
          onChange=${() => setKind("ip")} />
        By client (IP hash)
      </label>
      <label class="check">
        <input type="checkbox" checked=${spamAll} onChange=${() => setSpamAll(!spamAll)} />
        Also mark all their comments as spam
      </label>
    </fieldset>
    <div class="actions">
      <button class="primary danger" type="submit" disabled=${busy || none}>Ban</button>
      <button type="button" onClick=${() => p.onPanel(null)}>Cancel</button>
    </div>
  </form>`;
}
