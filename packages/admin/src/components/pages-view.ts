import type { AdminPage, PageMove } from "@causette/types";
import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiFailure, api } from "../api.js";
import { html } from "../html.js";
import type { ViewProps } from "./comments-view.js";
import { MoveForm, MoveHistory } from "./page-moves.js";

/**
 * Every page with comments: counts, a switch to lock or unlock its thread, and moving a
 * thread to a page's new address (with the history of moves, each undoable).
 */
export function PagesView(props: ViewProps & { onShow: (site: string, page: string) => void }) {
  const [pages, setPages] = useState<AdminPage[]>([]);
  const [site, setSite] = useState("");
  const [q, setQ] = useState("");
  const [error, setError] = useState("");
  const [said, say] = useState("");
  const [loading, setLoading] = useState(true);
  const [moves, setMoves] = useState<PageMove[]>([]);
  // `key` starts the form afresh each time a row's Move… (or a finished move) sets it.
  const [moveFrom, setMoveFrom] = useState({ site: "", page: "", key: 0 });
  // Moves are per site: the one filtered on, else the page picked, else "default".
  const moveSite = site || moveFrom.site || "default";

  const fail = useCallback(
    (e: unknown) => {
      if (e instanceof ApiFailure && e.status === 401) props.onUnauthorized();
      else setError(e instanceof Error ? e.message : String(e));
    },
    [props.onUnauthorized],
  );

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [listed, history] = await Promise.all([
        api.pages(site || undefined, q || undefined),
        api.moves(moveSite),
      ]);
      setPages(listed.pages);
      setMoves(history.moves);
      setError("");
    } catch (e) {
      fail(e);
    } finally {
      setLoading(false);
    }
  }, [site, q, moveSite, fail]);

  const moved = useCallback(
    (message: string) => {
      say(message);
      setError("");
      // The form starts empty again; Move… on a row fills it anew.
      setMoveFrom((m) => ({ ...m, page: "", key: m.key + 1 }));
      void load();
    },
    [load],
  );

  useEffect(() => {
    void load();
  }, [load]);

  async function toggle(p: AdminPage) {
    try {
      const res = await api.lock(p.site, p.id, !p.locked);
      setPages((old) => old.map((x) => (x.site === p.site && x.id === p.id ? { ...x, ...res.page } : x)));
      say(`${p.title || p.id} ${res.page.locked ? "locked: no new comments" : "unlocked"}.`);
    } catch (e) {
      fail(e);
    }
  }

  function onFilter(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setSite(String(form.get("site") ?? ""));
    setQ(String(form.get("q") ?? "").trim());
  }

  return html`
    <h1>Pages</h1>
    <form class="filters" role="search" onSubmit=${onFilter}>
      <div class="field">
        <label for="p-q">Page or title</label>
        <input id="p-q" name="q" type="search" value=${q} />
      </div>
      <div class="field">
        <label for="p-site">Site</label>
        <select id="p-site" name="site" value=${site}>
          <option value="">All sites</option>
          ${props.sites.map((s) => html`<option key=${s} value=${s}>${s}</option>`)}
        </select>
      </div>
      <button type="submit">Filter</button>
    </form>
    <p class="status" role="status" aria-live="polite">${said}</p>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${!loading && !pages.length && html`<p class="empty">No page has comments yet.</p>`}
    <${MoveForm} key=${moveFrom.key} site=${moveSite} from=${moveFrom.page} onDone=${moved} onError=${fail} />
    <${MoveHistory} site=${moveSite} moves=${moves} onDone=${moved} onError=${fail} />
    <ul class="pages" aria-busy=${loading ? "true" : "false"}>
      ${pages.map(
        (p) => html`<li key=${`${p.site} ${p.id}`} class="page-row">
          <div>
            <h2>${p.title || p.id}</h2>
            <p class="muted">
              ${p.site === "default" ? "" : `${p.site} · `}${p.id} · ${p.commentCount} published ·
              ${" "}${p.pending} pending${p.locked ? " · locked" : ""}${p.aliasOf ? ` · shows ${p.aliasOf}` : ""}
            </p>
          </div>
          <div class="actions">
            <button type="button" onClick=${() => props.onShow(p.site, p.id)}>Comments</button>
            <button type="button" onClick=${() => setMoveFrom((m) => ({ site: p.site, page: p.id, key: m.key + 1 }))}>
              Move…<span class="sr-only"> ${p.title || p.id}</span>
            </button>
            <button type="button" onClick=${() => toggle(p)}>
              ${p.locked ? "Unlock thread" : "Lock thread"}
              <span class="sr-only"> of ${p.title || p.id}</span>
            </button>
          </div>
        </li>`,
      )}
    </ul>
  `;
}
