import { BAN_KINDS, type Ban, type BanKind } from "@causette/types";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiFailure, api } from "../api.js";
import { formatDate } from "../format.js";
import { html } from "../html.js";
import type { ViewProps } from "./comments-view.js";

const KIND_LABEL: Record<BanKind, string> = { email: "E-mail", ip: "IP hash", word: "Word or phrase" };

/** The block list: e-mail addresses, client hashes and words whose comments go to spam. */
export function BansView(props: ViewProps) {
  const [bans, setBans] = useState<Ban[]>([]);
  const [error, setError] = useState("");
  const [fieldError, setFieldError] = useState("");
  const [said, say] = useState("");
  const value = useRef<HTMLInputElement>(null);

  const fail = useCallback(
    (e: unknown) => {
      if (e instanceof ApiFailure && e.status === 401) props.onUnauthorized();
      else if (e instanceof ApiFailure && e.code === "invalid_field") setFieldError(e.message);
      else setError(e instanceof Error ? e.message : String(e));
    },
    [props.onUnauthorized],
  );

  const load = useCallback(async () => {
    try {
      setBans((await api.bans()).bans);
    } catch (e) {
      fail(e);
    }
  }, [fail]);
  useEffect(() => {
    void load();
  }, [load]);

  async function add(event: Event) {
    event.preventDefault();
    const formEl = event.currentTarget as HTMLFormElement;
    const form = new FormData(formEl);
    const v = String(form.get("value") ?? "").trim();
    setFieldError("");
    if (!v) {
      setFieldError("Enter what to block.");
      value.current?.focus();
      return;
    }
    try {
      const res = await api.ban({
        kind: String(form.get("kind")) as BanKind,
        value: v,
        note: String(form.get("note") ?? "").trim() || undefined,
        spamAll: form.get("spamAll") === "on",
      });
      setBans((old) => [res.ban, ...old.filter((b) => b.id !== res.ban.id)]);
      say(
        `${KIND_LABEL[res.ban.kind]} “${res.ban.value}” blocked.${res.marked ? ` ${res.marked} marked as spam.` : ""}`,
      );
      formEl.reset();
      props.onChanged();
    } catch (e) {
      fail(e);
      value.current?.focus();
    }
  }

  async function remove(ban: Ban) {
    try {
      await api.unban(ban.id);
      setBans((old) => old.filter((b) => b.id !== ban.id));
      say(`${KIND_LABEL[ban.kind]} “${ban.value}” unblocked.`);
    } catch (e) {
      fail(e);
    }
  }

  return html`
    <h1>Block list</h1>
    <p>New comments that match an entry go straight to spam, whatever the moderation mode.</p>
    <form class="filters" onSubmit=${add} novalidate>
      <div class="field">
        <label for="b-kind">Block</label>
        <select id="b-kind" name="kind">
          ${BAN_KINDS.map((k) => html`<option key=${k} value=${k}>${KIND_LABEL[k]}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="b-value">Value</label>
        <input id="b-value" ref=${value} name="value" aria-invalid=${fieldError ? "true" : "false"}
          aria-describedby=${fieldError ? "b-value-error" : undefined} />
        ${fieldError && html`<p id="b-value-error" class="error">${fieldError}</p>`}
      </div>
      <div class="field">
        <label for="b-note">Note (optional)</label>
        <input id="b-note" name="note" />
      </div>
      <label class="check"><input type="checkbox" name="spamAll" /> Mark existing matches as spam</label>
      <button class="primary" type="submit">Add</button>
    </form>
    <p class="sr-only" role="status" aria-live="polite">${said}</p>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${!bans.length && html`<p class="empty">The block list is empty.</p>`}
    ${
      bans.length > 0 &&
      html`<table class="bans">
        <caption class="sr-only">Blocked e-mail addresses, clients and words</caption>
        <thead><tr><th scope="col">Kind</th><th scope="col">Value</th><th scope="col">Note</th><th scope="col">Added</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
        <tbody>
          ${bans.map(
            (b) => html`<tr key=${b.id}>
              <td>${KIND_LABEL[b.kind]}</td>
              <td><code>${b.value}</code></td>
              <td>${b.note ?? ""}</td>
              <td>${formatDate(b.createdAt)}</td>
              <td><button type="button" onClick=${() => remove(b)}>Remove<span class="sr-only"> ${b.value}</span></button></td>
            </tr>`,
          )}
        </tbody>
      </table>`
    }
  `;
}
