/**
 * @module @causette/admin
 * The moderation page served by the Causette server at /admin.
 */
import { render } from "preact";
import { App } from "./components/app.js";
import { html } from "./html.js";

const root = document.getElementById("app");
if (root) render(html`<${App} />`, root);
