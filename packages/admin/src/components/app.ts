import type { AdminSessionResponse } from "@causette/types";
import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiFailure, api } from "../api.js";
import { html } from "../html.js";
import { BansView } from "./bans-view.js";
import { CommentsView } from "./comments-view.js";
import { DeliveriesView } from "./deliveries-view.js";
import { ImportView } from "./import-view.js";
import { Login } from "./login.js";
import { PagesView } from "./pages-view.js";

type View = "queue" | "all" | "pages" | "bans" | "import" | "deliveries";
const VIEWS: { id: View; label: string }[] = [
  { id: "queue", label: "Pending" },
  { id: "all", label: "All comments" },
  { id: "pages", label: "Pages" },
  { id: "bans", label: "Block list" },
  { id: "import", label: "Import and export" },
  { id: "deliveries", label: "Deliveries" },
];

function viewFromHash(): View {
  const id = location.hash.replace(/^#\/?/, "").split("?")[0];
  return VIEWS.some((v) => v.id === id) ? (id as View) : "queue";
}

/** The whole page: the login form, or the views behind a session. */
export function App() {
  const [auth, setAuth] = useState<"unknown" | "out" | "in">("unknown");
  const [session, setSession] = useState<AdminSessionResponse | null>(null);
  const [view, setView] = useState<View>(viewFromHash);
  const [pageFilter, setPageFilter] = useState<{ site: string; page: string } | null>(null);
  const [fatal, setFatal] = useState("");

  const refresh = useCallback(async () => {
    try {
      setSession(await api.session());
      setAuth("in");
      setFatal("");
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 401) setAuth("out");
      else if (e instanceof ApiFailure && e.code === "admin_disabled")
        setFatal("The admin page is turned off: set CAUSETTE_ADMIN_PASSWORD on the server to turn it on.");
      else setFatal(e instanceof Error ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    void refresh();
    const onHash = () => setView(viewFromHash());
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, [refresh]);

  useEffect(() => {
    const label = VIEWS.find((v) => v.id === view)?.label ?? "";
    document.title = auth === "in" ? `${label} · Causette moderation` : "Causette moderation";
  }, [view, auth]);

  const onUnauthorized = useCallback(() => setAuth("out"), []);

  if (fatal) return html`<main class="login"><h1>Causette moderation</h1><p role="alert">${fatal}</p></main>`;
  if (auth === "unknown")
    return html`<main class="login" aria-busy="true"><h1>Causette moderation</h1></main>`;
  if (auth === "out") return html`<${Login} onIn=${refresh} />`;

  async function logout(everywhere: boolean) {
    await (everywhere ? api.logoutEverywhere() : api.logout()).catch(() => undefined);
    setAuth("out");
  }

  function showPage(site: string, page: string) {
    setPageFilter({ site, page });
    location.hash = "#all";
  }

  const common = { sites: session?.sites ?? [], onChanged: refresh, onUnauthorized };
  return html`
    <a class="skip" href="#main">Skip to the comments</a>
    <header class="bar">
      <p class="brand">Causette</p>
      <nav aria-label="Views">
        <ul>
          ${VIEWS.map(
            (v) => html`<li key=${v.id}>
              <a href=${`#${v.id}`} aria-current=${v.id === view ? "page" : undefined}>
                ${v.label}${v.id === "queue" && session ? html` <span class="count">${session.pending}</span>` : ""}
              </a>
            </li>`,
          )}
        </ul>
      </nav>
      <p class="mode">Moderation: <strong>${session?.moderation}</strong></p>
      <button type="button" class="quiet" onClick=${() => logout(false)}>Log out</button>
      <button
        type="button"
        class="quiet"
        title="Ends the admin sessions of every browser and device, this one included"
        onClick=${() => logout(true)}
      >
        Log out everywhere
      </button>
    </header>
    <main id="main" tabindex="-1">
      ${view === "queue" && html`<${CommentsView} key="queue" queue ...${common} />`}
      ${view === "all" && html`<${CommentsView} key=${`all-${pageFilter?.site}-${pageFilter?.page}`} initial=${pageFilter} ...${common} />`}
      ${view === "pages" && html`<${PagesView} ...${common} onShow=${showPage} />`}
      ${view === "bans" && html`<${BansView} ...${common} />`}
      ${view === "import" && html`<${ImportView} ...${common} />`}
      ${view === "deliveries" && html`<${DeliveriesView} ...${common} />`}
    </main>
  `;
}
