import { useRef, useState } from "preact/hooks";
import { ApiFailure, api, type ImportResult } from "../api.js";
import { html } from "../html.js";
import type { ViewProps } from "./comments-view.js";

const FORMATS = [
  {
    id: "auto",
    label: "Detect from the file",
    accept: ".xml,.json,application/xml,text/xml,application/json",
  },
  { id: "wordpress", label: "WordPress (WXR .xml)", accept: ".xml,application/xml,text/xml" },
  { id: "disqus", label: "Disqus (.xml, unzipped)", accept: ".xml,application/xml,text/xml" },
  { id: "json", label: "Causette export (.json)", accept: ".json,application/json" },
];

/** What the server found the file to be, for the report's heading. */
const DETECTED: Record<string, string> = {
  wordpress: "a WordPress export",
  disqus: "a Disqus export",
  json: "a Causette export",
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Uploads a WordPress, Disqus or Causette export and shows what the import did; downloads a
 * site's Causette export (a plain GET form: the browser streams the file to disk, however big).
 */
export function ImportView(props: ViewProps) {
  const [format, setFormat] = useState("auto");
  const [busy, setBusy] = useState(false);
  const [said, say] = useState("");
  const [error, setError] = useState("");
  const [fileError, setFileError] = useState("");
  const [result, setResult] = useState<{ name: string; data: ImportResult } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setFileError("Choose the export file to import.");
      fileInput.current?.focus();
      return;
    }
    setFileError("");
    setError("");
    setResult(null);
    setBusy(true);
    say(`Importing ${file.name}…`);
    try {
      const data = await api.importFile(format, String(form.get("site") ?? "").trim(), file);
      setResult({ name: file.name, data });
      const r = data.report;
      say(
        `Import done: ${plural(r.comments.imported, "comment")} imported on ${plural(r.pages.imported, "new page")}.`,
      );
      props.onChanged();
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 401) return props.onUnauthorized();
      const message = e instanceof Error ? e.message : String(e);
      setError(message);
      say("");
    } finally {
      setBusy(false);
    }
  }

  /**
   * The download is the form's own GET, which the browser streams to disk. A session that
   * has expired meanwhile would answer it with a bare JSON error page: check first, and go
   * back to the login form instead.
   */
  async function download(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    try {
      await api.session();
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 401) return props.onUnauthorized();
    }
    form.submit();
  }

  const r = result?.data.report;
  const skipped = r ? Object.entries(r.skipped) : [];
  const held = r?.held ? Object.entries(r.held) : [];
  const accept = FORMATS.find((f) => f.id === format)?.accept;
  return html`
    <h1>Import and export</h1>
    <h2>Import</h2>
    <p>
      Bring in the comments of a WordPress or Disqus export, or a file written by${" "}
      <code>causette export</code>. The whole file is checked first: if it is malformed, nothing
      is imported. Importing the same file again adds nothing.
    </p>
    <form class="filters" onSubmit=${submit} novalidate aria-busy=${busy ? "true" : "false"}>
      <div class="field">
        <label for="i-format">Format</label>
        <select id="i-format" name="format" value=${format}
          onChange=${(e: Event) => setFormat((e.currentTarget as HTMLSelectElement).value)}>
          ${FORMATS.map((f) => html`<option key=${f.id} value=${f.id}>${f.label}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="i-site">Site ${format === "json" ? "(empty: the file’s)" : format === "auto" ? "(empty: default, or a Causette export’s)" : "(empty: default)"}</label>
        <input id="i-site" name="site" list="i-sites" />
        <datalist id="i-sites">
          ${props.sites.map((s) => html`<option key=${s} value=${s} />`)}
        </datalist>
      </div>
      <div class="field">
        <label for="i-file">Export file</label>
        <input id="i-file" ref=${fileInput} name="file" type="file" accept=${accept}
          aria-invalid=${fileError ? "true" : "false"}
          aria-describedby=${fileError ? "i-file-error" : undefined} />
        ${fileError && html`<p id="i-file-error" class="error">${fileError}</p>`}
      </div>
      <button class="primary" type="submit" disabled=${busy}>${busy ? "Importing…" : "Import"}</button>
    </form>
    <p class="sr-only" role="status" aria-live="polite">${said}</p>
    ${busy && html`<p class="muted">Importing; a large file takes a while.</p>`}
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${
      r &&
      html`<section class="panel report" aria-labelledby="i-report">
        <h2 id="i-report">Imported from ${result.name}</h2>
        ${result.data.detected && html`<p class="muted">Detected: ${DETECTED[result.data.format] ?? result.data.format}.</p>`}
        <ul class="report-list">
          <li>${plural(r.comments.imported, "comment")} imported</li>
          <li>
            ${plural(r.pages.imported, "new page")}${r.pages.existing ? `, ${plural(r.pages.existing, "page")} already known` : ""}
          </li>
          ${(r.votes.imported > 0 || r.shares.imported > 0) && html`<li>${plural(r.votes.imported, "vote")} and ${plural(r.shares.imported, "share count")} imported</li>`}
        </ul>
        ${
          skipped.length > 0 &&
          html`<h3>Skipped</h3>
            <ul class="report-list">
              ${skipped.map(([reason, n]) => html`<li key=${reason}>${reason.replaceAll("_", " ")}: ${n}</li>`)}
            </ul>`
        }
        ${
          held.length > 0 &&
          html`<h3>Held for moderation</h3>
            <ul class="report-list">
              ${held.map(([reason, n]) => html`<li key=${reason}>${reason.replaceAll("_", " ")}: ${n}</li>`)}
            </ul>`
        }
        ${
          r.warningCount > 0 &&
          html`<h3>Warnings (${r.warningCount})</h3>
            <ul class="report-list">
              ${r.warnings.map(
                (w, i) => html`<li key=${i}>${w.line === null ? "" : `Line ${w.line}: `}${w.message}</li>`,
              )}
              ${r.warningCount > r.warnings.length && html`<li>… and ${r.warningCount - r.warnings.length} more</li>`}
            </ul>`
        }
      </section>`
    }
    <h2>Export</h2>
    <p>
      Download a site’s pages, comments, votes and share counts as one JSON file: the file${" "}
      <code>causette export</code> writes, which the import above and${" "}
      <code>causette import json</code> read back. Keep it as a backup, or use it to move to
      another server or database.
    </p>
    <form class="filters" method="get" action="/api/admin/export" onSubmit=${download}>
      <div class="field">
        <label for="e-site">Site</label>
        <select id="e-site" name="site">
          ${(props.sites.length ? props.sites : ["default"]).map((s) => html`<option key=${s} value=${s}>${s}</option>`)}
        </select>
      </div>
      <button type="submit">Download the export</button>
    </form>
  `;
}
