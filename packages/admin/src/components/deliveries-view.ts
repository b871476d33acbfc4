import { type AdminDelivery, DELIVERY_STATUSES, type DeliveryStatus } from "@causette/types";
import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiFailure, api } from "../api.js";
import { formatDate } from "../format.js";
import { html } from "../html.js";
import type { ViewProps } from "./comments-view.js";

const STATUS: Record<DeliveryStatus, string> = {
  queued: "Queued",
  retrying: "Failed, will retry",
  sent: "Sent",
  dead: "Dead: given up",
  dropped: "Dropped",
};
const CHANNEL: Record<string, string> = { email: "E-mail", webhook: "Webhook" };
/** What the owner may send again: the outbox re-checks an e-mail's subscription when it sends. */
const RETRYABLE = new Set<DeliveryStatus>(["retrying", "dead", "dropped"]);

/**
 * Outgoing e-mails and webhook deliveries (the outbox): what is queued, sent, failing and
 * why, and a button that sends a failed, dead or dropped one again now.
 */
export function DeliveriesView(props: ViewProps) {
  const [rows, setRows] = useState<AdminDelivery[]>([]);
  const [counts, setCounts] = useState<Record<DeliveryStatus, number> | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [filter, setFilter] = useState<{ status: string; channel: string }>({ status: "", channel: "" });
  const [error, setError] = useState("");
  const [said, say] = useState("");
  const [loading, setLoading] = useState(true);

  const fail = useCallback(
    (e: unknown) => {
      if (e instanceof ApiFailure && e.status === 401) props.onUnauthorized();
      else setError(e instanceof Error ? e.message : String(e));
    },
    [props.onUnauthorized],
  );

  const load = useCallback(
    async (before?: number) => {
      setLoading(true);
      try {
        const res = await api.deliveries({ ...filter, before });
        setRows((old) => (before ? [...old, ...res.deliveries] : res.deliveries));
        setCounts(res.counts);
        setNext(res.nextBefore);
        setError("");
      } catch (e) {
        fail(e);
      } finally {
        setLoading(false);
      }
    },
    [filter, fail],
  );
  useEffect(() => {
    void load();
  }, [load]);

  async function retry(d: AdminDelivery) {
    try {
      const res = await api.retryDelivery(d.id);
      setRows((old) => old.map((x) => (x.id === d.id ? res.delivery : x)));
      say(`${CHANNEL[d.channel] ?? d.channel} to ${d.recipient} queued again: it is sent within seconds.`);
    } catch (e) {
      fail(e);
    }
  }

  function onFilter(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setFilter({ status: String(form.get("status") ?? ""), channel: String(form.get("channel") ?? "") });
  }

  return html`
    <h1>Deliveries</h1>
    <p>E-mails and webhook calls the server sends, and what became of each. A failed one is tried again
      with growing pauses, then given up; you can send it again.</p>
    ${
      counts &&
      html`<ul class="delivery-counts" aria-label="All deliveries by status">
        ${DELIVERY_STATUSES.map((s) => html`<li key=${s}><span class=${`badge ${s}`}>${STATUS[s]}</span> ${counts[s]}</li>`)}
      </ul>`
    }
    <form class="filters" role="search" onSubmit=${onFilter}>
      <div class="field">
        <label for="d-status">Status</label>
        <select id="d-status" name="status" value=${filter.status}>
          <option value="">Any status</option>
          ${DELIVERY_STATUSES.map((s) => html`<option key=${s} value=${s}>${STATUS[s]}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="d-channel">Kind</label>
        <select id="d-channel" name="channel" value=${filter.channel}>
          <option value="">E-mails and webhooks</option>
          <option value="email">E-mails</option>
          <option value="webhook">Webhooks</option>
        </select>
      </div>
      <button type="submit">Filter</button>
      <button type="button" onClick=${() => load()}>Refresh</button>
    </form>
    <p class="status" role="status" aria-live="polite">${said}</p>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${!loading && !rows.length && html`<p class="empty">Nothing to show: no e-mail or webhook has been sent yet.</p>`}
    ${
      rows.length > 0 &&
      html`<table class="deliveries" aria-busy=${loading ? "true" : "false"}>
        <caption class="sr-only">Outgoing e-mails and webhook deliveries, newest first</caption>
        <thead><tr>
          <th scope="col" class="nowrap">Status</th><th scope="col" class="nowrap">What</th><th scope="col" class="nowrap">To</th>
          <th scope="col" class="nowrap">Attempts</th><th scope="col" class="nowrap">When</th><th scope="col"><span class="sr-only">Actions</span></th>
        </tr></thead>
        <tbody>
          ${rows.map(
            (d) => html`<tr key=${d.id} data-delivery=${d.id}>
              <td>
                <span class=${`badge ${d.status}`}>${STATUS[d.status]}</span>
                ${d.lastError && html`<p class="reason"><span class="sr-only">Reason: </span>${d.lastError}</p>`}
              </td>
              <td>${CHANNEL[d.channel] ?? d.channel} · <code>${d.kind}</code></td>
              <td><code>${d.recipient}</code></td>
              <td class="nowrap">${d.attempts}</td>
              <td>
                ${d.sentAt ? `sent ${formatDate(d.sentAt)}` : d.status === "queued" || d.status === "retrying" ? `due ${formatDate(d.dueAt)}` : formatDate(d.updatedAt)}
              </td>
              <td class="nowrap">
                ${
                  RETRYABLE.has(d.status) &&
                  html`<button type="button" onClick=${() => retry(d)}>
                    Retry<span class="sr-only"> the ${CHANNEL[d.channel] ?? d.channel} to ${d.recipient}</span>
                  </button>`
                }
              </td>
            </tr>`,
          )}
        </tbody>
      </table>`
    }
    ${next !== null && html`<button type="button" onClick=${() => load(next)}>Older deliveries</button>`}
  `;
}
