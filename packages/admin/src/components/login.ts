import { useRef, useState } from "preact/hooks";
import { ApiFailure, api } from "../api.js";
import { html } from "../html.js";

/** The password form. The password is the server's CAUSETTE_ADMIN_PASSWORD. */
export function Login(props: { onIn: () => void }) {
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    const password = input.current?.value ?? "";
    if (!password) {
      setError("Enter the admin password.");
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError("");
    try {
      await api.login(password);
      props.onIn();
    } catch (e) {
      const code = e instanceof ApiFailure ? e.code : "";
      setError(
        code === "bad_credentials"
          ? "That password is not the right one."
          : code === "rate_limited"
            ? "Too many failed attempts from here. Wait 15 minutes and try again."
            : e instanceof Error
              ? e.message
              : String(e),
      );
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return html`<main class="login">
    <h1>Causette moderation</h1>
    <form onSubmit=${submit} novalidate>
      <label for="password">Admin password</label>
      <input
        id="password"
        ref=${input}
        type="password"
        name="password"
        autocomplete="current-password"
        aria-invalid=${error ? "true" : "false"}
        aria-describedby=${error ? "login-error" : undefined}
        autofocus
      />
      ${error && html`<p id="login-error" class="error" role="alert">${error}</p>`}
      <button class="primary" type="submit" disabled=${busy}>${busy ? "Logging in…" : "Log in"}</button>
    </form>
  </main>`;
}
