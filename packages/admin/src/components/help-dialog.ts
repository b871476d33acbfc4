import { useEffect, useRef } from "preact/hooks";
import { html } from "../html.js";
import { SHORTCUTS } from "../keys.js";

/** The list of keyboard shortcuts, in a modal <dialog> (Escape or the button closes it). */
export function HelpDialog(props: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    dialog.showModal();
    return () => opener?.focus?.();
  }, []);
  return html`<dialog class="help" ref=${ref} aria-labelledby="help-title" onClose=${props.onClose}>
    <h2 id="help-title">Keyboard shortcuts</h2>
    <p>They act on the highlighted comment, and do nothing while you type in a field.</p>
    <table>
      <thead><tr><th scope="col">Key</th><th scope="col">Action</th></tr></thead>
      <tbody>
        ${SHORTCUTS.map((s) => html`<tr key=${s.key}><td><kbd>${s.key}</kbd></td><td>${s.label}</td></tr>`)}
      </tbody>
    </table>
    <form method="dialog"><button class="primary" type="submit" autofocus>Close</button></form>
  </dialog>`;
}
