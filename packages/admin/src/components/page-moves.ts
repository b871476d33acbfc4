import type { PageMove, PageMoveKind } from "@causette/types";
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { html } from "../html.js";

/** What each operation does, in the words the confirmation uses. */
const ACTIONS: Record<PageMoveKind, { label: string; confirm: (from: string, to: string) => string }> = {
  move: {
    label: "Move the thread",
    confirm: (from, to) =>
      `Move the comments of ${from} to ${to}? ${from} becomes an alias: old links and counts find them at ${to}.`,
  },
  merge: {
    label: "Merge into another thread",
    confirm: (from, to) =>
      `Merge the comments of ${from} into ${to}'s thread, in date order? ${from} becomes an alias of ${to}.`,
  },
  alias: {
    label: "Alias only",
    confirm: (from, to) => `Show ${to}'s thread to readers of ${from}? No comment moves.`,
  },
};

export function describeMove(m: PageMove): string {
  const what = m.kind === "alias" ? "aliased to" : m.kind === "merge" ? "merged into" : "moved to";
  const count = m.kind === "alias" ? "" : ` (${m.comments} comment${m.comments === 1 ? "" : "s"})`;
  return `#${m.id} ${m.from} ${what} ${m.to}${count}, by ${m.by}`;
}

interface MoveFormProps {
  site: string;
  /** The page the form starts from (a row's Move… button), or ""; give the form a `key` that changes with it. */
  from: string;
  onDone: (message: string) => void;
  onError: (e: unknown) => void;
}

/** Move, merge or alias a page's thread, after a confirmation in words. */
export function MoveForm(props: MoveFormProps) {
  const [from, setFrom] = useState(props.from);
  const [to, setTo] = useState("");
  const [kind, setKind] = useState<PageMoveKind>("move");
  const [confirming, setConfirming] = useState(false);

  function review(event: Event) {
    event.preventDefault();
    if (from.trim() && to.trim()) setConfirming(true);
  }

  async function confirm() {
    try {
      const { move } = await api.movePage(kind, props.site, from.trim(), to.trim());
      setConfirming(false);
      setTo("");
      props.onDone(`Done: ${describeMove(move)}.`);
    } catch (e) {
      setConfirming(false);
      props.onError(e);
    }
  }

  return html`
    <form class="move" aria-labelledby="move-title" onSubmit=${review}>
      <h2 id="move-title" class="wide">Move or merge a thread</h2>
      <p class="muted wide">When a post's address changes, its comments can follow it${props.site === "default" ? "" : ` (site ${props.site})`}.</p>
      <div class="field">
        <label for="m-from">Old page id</label>
        <input id="m-from" name="from" required value=${from} onInput=${(e: Event) => setFrom((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="m-to">New page id</label>
        <input id="m-to" name="to" required value=${to} onInput=${(e: Event) => setTo((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="m-kind">What to do</label>
        <select id="m-kind" name="kind" value=${kind} onChange=${(e: Event) => setKind((e.currentTarget as HTMLSelectElement).value as PageMoveKind)}>
          ${(Object.keys(ACTIONS) as PageMoveKind[]).map((k) => html`<option key=${k} value=${k}>${ACTIONS[k].label}</option>`)}
        </select>
      </div>
      ${
        confirming
          ? html`<div class="confirm wide" role="alertdialog" aria-labelledby="m-confirm">
              <p id="m-confirm" class="wide">${ACTIONS[kind].confirm(from.trim(), to.trim())}</p>
              <button type="button" class="primary" onClick=${confirm}>Confirm</button>
              <button type="button" onClick=${() => setConfirming(false)}>Cancel</button>
            </div>`
          : html`<button type="submit">Review…</button>`
      }
    </form>
  `;
}

interface HistoryProps {
  site: string;
  moves: PageMove[];
  onDone: (message: string) => void;
  onError: (e: unknown) => void;
}

/** The site's moves, newest first, each undoable after a confirmation while it holds. */
export function MoveHistory(props: HistoryProps) {
  const [undoing, setUndoing] = useState<number | null>(null);

  async function undo(id: number) {
    try {
      const { move } = await api.undoMove(props.site, id);
      setUndoing(null);
      props.onDone(`Undone: ${describeMove(move)}.`);
    } catch (e) {
      setUndoing(null);
      props.onError(e);
    }
  }

  if (!props.moves.length) return null;
  return html`
    <section aria-labelledby="moves-title">
      <h2 id="moves-title">Moves</h2>
      <ul class="moves">
        ${props.moves.map(
          (m) => html`<li key=${m.id} class="move-entry">
            <span>${describeMove(m)}, ${new Date(m.createdAt).toLocaleString()}${m.undoneAt ? ` · undone by ${m.undoneBy}` : ""}</span>
            ${
              m.undoneAt
                ? null
                : undoing === m.id
                  ? html`<span class="confirm" role="alertdialog" aria-label=${`Undo #${m.id}?`}>
                      Undo #${m.id}? The comments go back to ${m.from}.
                      <button type="button" class="primary" onClick=${() => undo(m.id)}>Confirm undo</button>
                      <button type="button" onClick=${() => setUndoing(null)}>Cancel</button>
                    </span>`
                  : html`<button type="button" onClick=${() => setUndoing(m.id)}>
                      Undo<span class="sr-only"> #${m.id}</span>
                    </button>`
            }
          </li>`,
        )}
      </ul>
    </section>
  `;
}
