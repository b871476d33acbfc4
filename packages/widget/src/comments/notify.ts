import { html } from "htm/preact";
import type { I18n } from "../i18n/index.js";

/**
 * E-mail notifications on a new comment: two checkboxes, off by default, shown only when the
 * server can send mail (the thread says so) and only on a new comment's form. Both post as
 * `notify`; "all" wins when both are ticked (it includes the replies).
 */
export function Notify({ id, t }: { id: string; t: I18n["t"] }) {
  return html`<div class="ck"><input id=${`${id}-nr`} name="notify" value="replies" type="checkbox" /><label for=${`${id}-nr`}>${t("notifyReplies")}</label></div>
    <div class="ck"><input id=${`${id}-na`} name="notify" value="all" type="checkbox" /><label for=${`${id}-na`}>${t("notifyAll")}</label></div>`;
}
