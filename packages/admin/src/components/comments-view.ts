import type { AdminComment, AdminCommentStatus, BulkAction } from "@causette/types";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiFailure, api, type ListFilter } from "../api.js";
import { STATUS_LABEL } from "../format.js";
import { html } from "../html.js";
import { type Command, commandFor } from "../keys.js";
import { CommentCard, type Panel } from "./comment-card.js";
import { HelpDialog } from "./help-dialog.js";

export interface ViewProps {
  sites: string[];
  onChanged: () => void;
  onUnauthorized: () => void;
}

const PAST: Record<BulkAction, string> = {
  approve: "approved",
  spam: "marked as spam",
  delete: "deleted",
  restore: "restored",
};

/** The pending queue (`queue`) or every comment with filters, with one-click and bulk actions. */
export function CommentsView(
  props: ViewProps & { queue?: boolean; initial?: { site: string; page: string } | null },
) {
  const [filter, setFilter] = useState<ListFilter>({
    site: props.initial?.site ?? "",
    page: props.initial?.page ?? "",
    status: props.queue ? "pending" : "",
    q: "",
  });
  const [comments, setComments] = useState<AdminComment[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState("");
  const [focus, setFocus] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [panel, setPanel] = useState<{ id: string; kind: Panel } | null>(null);
  const [said, say] = useState("");
  const [help, setHelp] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLOListElement>(null);

  const fail = useCallback(
    (e: unknown) => {
      if (e instanceof ApiFailure && e.status === 401) props.onUnauthorized();
      else setError(e instanceof Error ? e.message : String(e));
    },
    [props.onUnauthorized],
  );

  const load = useCallback(
    async (more = false) => {
      setLoading(true);
      setError("");
      try {
        const res = await api.list({ ...filter, cursor: more ? (next ?? undefined) : undefined });
        setComments((old) => (more ? [...old, ...res.comments] : res.comments));
        setNext(res.nextCursor);
        if (!more) {
          setFocus(0);
          setSelected(new Set());
        }
      } catch (e) {
        fail(e);
      } finally {
        setLoading(false);
      }
    },
    [filter, next, fail],
  );

  useEffect(() => {
    void load();
  }, [filter]);

  const replace = useCallback((updated: AdminComment[]) => {
    const byId = new Map(updated.map((c) => [c.id, c]));
    setComments((old) => old.map((c) => byId.get(c.id) ?? c));
  }, []);

  const act = useCallback(
    async (comment: AdminComment, action: BulkAction) => {
      try {
        const res = await api.act(comment.id, action);
        replace([res.comment]);
        say(`Comment by ${comment.author.name || "a deleted author"} ${PAST[action]}.`);
        props.onChanged();
      } catch (e) {
        fail(e);
      }
    },
    [replace, fail, props.onChanged],
  );

  async function bulk(action: BulkAction) {
    const ids = [...selected];
    if (!ids.length) return;
    try {
      const res = await api.bulk(ids, action);
      replace(res.comments);
      setSelected(new Set());
      say(`${res.comments.length} comment${res.comments.length === 1 ? "" : "s"} ${PAST[action]}.`);
      props.onChanged();
    } catch (e) {
      fail(e);
    }
  }

  function toggle(id: string) {
    setSelected((old) => {
      const s = new Set(old);
      if (s.has(id)) s.delete(id);
      else s.add(id);
      return s;
    });
  }

  function moveTo(index: number) {
    const i = Math.max(0, Math.min(comments.length - 1, index));
    setFocus(i);
    const el = list.current?.querySelectorAll<HTMLElement>("article")[i];
    el?.focus();
    el?.scrollIntoView({ block: "nearest" });
  }

  const run = (command: Command) => {
    const current = comments[focus];
    switch (command) {
      case "next":
        return moveTo(focus + 1);
      case "previous":
        return moveTo(focus - 1);
      case "search":
        return search.current?.focus();
      case "help":
        return setHelp(true);
    }
    if (!current) return;
    if (command === "select") return toggle(current.id);
    if (command === "edit" || command === "reply" || command === "ban")
      return setPanel({ id: current.id, kind: command });
    // Triage goes down the list: after a decision, the next comment is highlighted.
    void act(current, command).then(() => moveTo(focus + 1));
  };

  // One listener for the view's life, which calls this render's `run`. It used to be
  // re-installed by an effect after each render, and effects run after paint: a key pressed
  // right after a click on a comment went to the listener of the render before, and acted on
  // the comment highlighted before (a spam or a delete on the wrong one).
  const keys = useRef({ run, help });
  keys.current = { run, help };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (keys.current.help || event.defaultPrevented) return;
      const command = commandFor(event);
      if (!command) return;
      event.preventDefault();
      keys.current.run(command);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  function onFilter(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setFilter({
      site: String(form.get("site") ?? ""),
      status: props.queue ? "pending" : (String(form.get("status") ?? "") as AdminCommentStatus | ""),
      page: String(form.get("page") ?? "").trim(),
      q: String(form.get("q") ?? "").trim(),
    });
  }

  const allSelected = comments.length > 0 && comments.every((c) => selected.has(c.id));
  const title = props.queue ? "Pending comments" : "All comments";
  return html`
    <h1>${title}</h1>
    <form class="filters" role="search" onSubmit=${onFilter}>
      <div class="field">
        <label for="f-q">Text or author</label>
        <input id="f-q" ref=${search} name="q" type="search" value=${filter.q} />
      </div>
      <div class="field">
        <label for="f-site">Site</label>
        <select id="f-site" name="site" value=${filter.site}>
          <option value="">All sites</option>
          ${props.sites.map((s) => html`<option key=${s} value=${s}>${s}</option>`)}
        </select>
      </div>
      ${
        !props.queue &&
        html`<div class="field">
            <label for="f-status">Status</label>
            <select id="f-status" name="status" value=${filter.status}>
              <option value="">Any</option>
              ${Object.entries(STATUS_LABEL).map(([v, l]) => html`<option key=${v} value=${v}>${l}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="f-page">Page</label>
            <input id="f-page" name="page" value=${filter.page} placeholder="/2016/08/a-post/" />
          </div>`
      }
      <button type="submit">Filter</button>
    </form>

    <div class="bulk" role="group" aria-label="Bulk actions">
      <label class="check">
        <input
          type="checkbox"
          checked=${allSelected}
          onChange=${() => setSelected(allSelected ? new Set() : new Set(comments.map((c) => c.id)))}
        />
        Select all shown
      </label>
      <span class="muted">${selected.size} selected</span>
      ${(["approve", "spam", "delete", "restore"] as const).map(
        (a) =>
          html`<button key=${a} type="button" disabled=${!selected.size} onClick=${() => bulk(a)}>
            ${a[0]?.toUpperCase()}${a.slice(1)} selected
          </button>`,
      )}
      <button type="button" class="quiet" onClick=${() => setHelp(true)} aria-keyshortcuts="?">
        Keyboard shortcuts
      </button>
    </div>

    <p class="sr-only" role="status" aria-live="polite">${said}</p>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${
      !loading && !comments.length && !error
        ? html`<p class="empty">${props.queue ? "Nothing waits for you. The queue is empty." : "No comment matches."}</p>`
        : null
    }
    <ol class="comments" ref=${list} aria-busy=${loading ? "true" : "false"}>
      ${comments.map(
        (c, i) => html`<li key=${c.id}>
          <${CommentCard}
            comment=${c}
            focused=${i === focus}
            selected=${selected.has(c.id)}
            panel=${panel?.id === c.id ? panel.kind : null}
            onFocus=${() => setFocus(i)}
            onSelect=${() => toggle(c.id)}
            onAction=${(a: BulkAction) => act(c, a)}
            onPanel=${(kind: Panel | null) => setPanel(kind ? { id: c.id, kind } : null)}
            onUpdated=${(updated: AdminComment[], message: string) => {
              replace(updated);
              say(message);
              props.onChanged();
            }}
            onAdded=${(added: AdminComment, message: string) => {
              setComments((old) => [...old.slice(0, i + 1), added, ...old.slice(i + 1)]);
              say(message);
            }}
            onReload=${(message: string) => {
              say(message);
              void load();
              props.onChanged();
            }}
            onError=${fail}
          />
        </li>`,
      )}
    </ol>
    ${next && html`<button type="button" onClick=${() => load(true)} disabled=${loading}>Load more</button>`}
    ${help && html`<${HelpDialog} onClose=${() => setHelp(false)} />`}
  `;
}
