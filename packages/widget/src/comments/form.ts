import { html } from "htm/preact";
import { Component, h } from "preact";
import type { Problem } from "../api/client.js";
import { FormPassage } from "../passages/quote.js";
import { readJson, writeJson } from "../stores/storage.js";
import type { Draft, Thread } from "../stores/thread.js";
import { FIELDS, type Field, type FieldErrors, fieldError, validate } from "./validate.js";

interface FormProps {
  thread: Thread;
  /** Unique in the shadow root: prefixes the fields' ids and names the draft. */
  id: string;
  /** Reply to this comment. */
  parent?: string;
  /** Edit this own comment. */
  edit?: string;
  /** Close the form (reply, edit); absent on the root form. */
  onCancel?: () => void;
}

interface FormState {
  errors: FieldErrors;
  busy?: boolean;
  /** A problem that is no field's: network, rate limit, closed page. */
  msg?: string;
  /** An e-mail is typed: the notification boxes show (when the server sends mail). */
  mailed?: boolean;
}

/**
 * The name, e-mail and website last typed in any form during this visit (sessionStorage, as
 * drafts are): every new reply form starts with them, so one author's replies share one
 * avatar, even without "Remember me" (which alone keeps them in localStorage).
 */
const WHO = "causette:who";

/**
 * The comment form: the root form, a reply form under a comment, or an own comment's edit
 * form. Fields are uncontrolled; every keystroke is kept as a draft in sessionStorage, so
 * the reader's text survives errors and reloads until it is posted.
 */
export class Form extends Component<FormProps, FormState> {
  override state: FormState = { errors: {} };
  key = `causette:draft:${this.props.thread.key}:${this.props.id}`;

  read(f: HTMLFormElement): Draft {
    const d = Object.fromEntries(new FormData(f)) as Record<string, string>;
    return { ...d, body: d.body ?? "", remember: !!d.remember } as Draft;
  }

  submit = async (e: Event) => {
    e.preventDefault();
    const { thread, edit, parent } = this.props;
    const f = e.currentTarget as HTMLFormElement;
    const d = this.read(f);
    const errors = validate(d, !edit);
    const bad = FIELDS.find((k) => errors[k]);
    this.setState({ errors, msg: "" });
    if (bad) {
      (f.elements.namedItem(bad) as HTMLElement).focus();
      return;
    }
    this.setState({ busy: true });
    const p: Problem | null = edit ? await thread.edit(edit, d.body) : await thread.post(d, parent ?? null);
    this.setState({ busy: false });
    if (!p) {
      writeJson("sessionStorage", this.key, null);
      (f.elements.namedItem("body") as HTMLTextAreaElement).value = "";
      return;
    }
    const field = p.field?.split(".").pop() as Field | undefined;
    const error = field && FIELDS.includes(field) && fieldError(field, d[field]);
    if (p.code === "invalid_field" && error) {
      this.setState({ errors: { [field]: error } });
      (f.elements.namedItem(field) as HTMLElement).focus();
    } else this.setState({ msg: thread.say(p) });
  };

  /** What the fields start with (the draft, the remembered author), for componentDidMount. */
  start: Partial<Record<Field, string>> = {};

  /**
   * A form hydrated over the server's HTML keeps what is in its fields (the reader may have
   * typed before the app came); a field still empty gets its draft, as a new form would.
   */
  override componentDidMount() {
    const f = this.base as HTMLFormElement | null;
    for (const name of FIELDS) {
      const el = f?.elements.namedItem(name) as HTMLInputElement | null;
      if (el && !el.value && this.start[name]) el.value = this.start[name]!;
    }
    if (f) {
      const d = this.read(f);
      // After the first render, which is the server's tree: a draft's e-mail shows the boxes.
      this.setState({ mailed: !!d.email });
      // Words typed before the app came are kept as a draft now, not at the next keystroke.
      if (d.body) this.save(f);
    }
  }

  /** A reply or edit form takes the focus when it opens (once, not at each render). */
  grab = (el: HTMLTextAreaElement | null) => {
    if (el && this.props.onCancel && !this.grabbed) {
      this.grabbed = true;
      el.focus();
    }
  };
  grabbed = false;

  keep = (e: Event) => {
    const d = this.save(e.currentTarget as HTMLFormElement);
    if (!d.email !== !this.state.mailed) this.setState({ mailed: !!d.email });
  };

  save(f: HTMLFormElement): Draft {
    const d = this.read(f);
    // The boxes are not drawn yet (the thread is still loading, or the app just hydrated the
    // server's form): the draft's choice stays until they are.
    if (d.email && !f.elements.namedItem("notify"))
      d.notify = readJson<Draft>("sessionStorage", this.key)?.notify;
    writeJson("sessionStorage", this.key, d);
    if (!this.props.edit) writeJson("sessionStorage", WHO, { ...d, body: "" });
    return d;
  }

  /** Ctrl+Enter (Cmd+Enter on a Mac) posts, as in most comment boxes; Escape closes a reply or edit form. */
  handleKey = (e: KeyboardEvent) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) (e.currentTarget as HTMLFormElement).requestSubmit();
    else if (e.key === "Escape") this.props.onCancel?.();
  };

  render({ thread, id, edit, onCancel }: FormProps, { errors, busy, msg, mailed }: FormState) {
    const { t } = thread.i18n;
    const draft = readJson<Draft>("sessionStorage", this.key);
    const me = thread.me();
    const who = readJson<Draft>("sessionStorage", WHO) ?? me;
    const field = (name: Field, type: string | undefined, auto: string, value = "", hint?: string) => {
      const err = errors[name];
      this.start[name] = value;
      const props = {
        id: `${id}-${name}`,
        name,
        type,
        autocomplete: auto,
        defaultValue: value,
        required: name === "name" || name === "body",
        "aria-invalid": !!err,
        "aria-describedby":
          [hint && `${id}-${name}-h`, err && `${id}-${name}-e`].filter(Boolean).join(" ") || undefined,
      };
      return html`<div>
        <div class="label"><label for=${props.id}>${t(name === "body" ? "comment" : name)}</label>${hint && html`<span id=${`${id}-${name}-h`} class="muted">${hint}</span>`}</div>
        ${name === "body" ? h("textarea", { ...props, rows: 4, ref: this.grab }) : h("input", props)}
        ${err && html`<p id=${`${id}-${name}-e`} class="err">${t(err[0], { n: err[1] ?? "" })}</p>`}
      </div>`;
    };
    // method="dialog": without the app (the server's HTML, before it loads or with script
    // off) a submit goes nowhere, rather than to the host page with the fields in its URL.
    return html`<form class="form" part="form" method="dialog" novalidate onSubmit=${this.submit} onInput=${this.keep} onKeyDown=${this.handleKey}>
      ${id === "new" && FormPassage({ thread })}
      ${field("body", undefined, "off", draft?.body ?? (edit ? thread.ownBody(edit) : ""), t("hint"))}
      ${
        !edit &&
        html`<div class="fields">
          ${field("name", "text", "name", draft?.name ?? who?.name)}
          ${field("email", "email", "email", draft?.email ?? who?.email, t("emailHint"))}
          ${field("website", "url", "url", draft?.website ?? who?.website, t("optional"))}
        </div>
        <div class="remember"><input id=${`${id}-remember`} name="remember" type="checkbox" defaultChecked=${draft ? draft.remember : !!me} /><label for=${`${id}-remember`}>${t("remember")}</label></div>
        ${
          // A ticked box comes back ticked from the draft ("all", which includes the replies,
          // when both were).
          mailed &&
          thread.mail() &&
          (["replies", "all"] as const).map(
            (v) =>
              html`<div class="remember"><input id=${`${id}-${v}`} name="notify" value=${v} type="checkbox" defaultChecked=${draft?.notify === v} /><label for=${`${id}-${v}`}>${t(v)}</label></div>`,
          )
        }
        <input name="hp" hidden tabindex="-1" autocomplete="off" />`
      }
      ${msg && html`<p class="err" role="alert">${msg}</p>`}
      <div class="buttons">
        <button class="primary" part="button" disabled=${busy}>${t(edit ? "save" : "post")}</button>
        ${onCancel && html`<button type="button" class="secondary" part="button" onClick=${onCancel}>${t("cancel")}</button>`}
      </div>
    </form>`;
  }
}
