/**
 * `/mail/*`: the pages e-mails link to, served on the server's own origin
 * (`CAUSETTE_PUBLIC_URL`). A GET only shows a page with a button; the button POSTs to the
 * same origin, and only the POST confirms, unsubscribes or moderates — mail scanners that
 * prefetch links change nothing. The POST routes check the request's Origin against the
 * server's own, never the blogs' `CAUSETTE_ORIGINS`; the one-click unsubscribe (RFC 8058)
 * arrives from mail providers without an Origin and is accepted.
 */
import type { BulkAction } from "@causette/types";
import { type Context, Hono } from "hono";
import type { AppContext } from "../context.js";
import { CausetteError } from "../errors.js";
import {
  addressTokenOk,
  MODERATION_ACTIONS,
  type ModerationAction,
  moderationTokenOk,
} from "../notify/links.js";
import type { Notifier } from "../notify/notify.js";
import { escapeHtml, mailPage, oneLine, postForm, t, unlinked } from "../notify/render.js";

const MAX_FORM = 4096;

const HEADERS = {
  "Cache-Control": "no-store",
  // The links carry tokens: never send them on to another site ("no-referrer" would also make
  // the browser send `Origin: null` with the page's own forms).
  "Referrer-Policy": "same-origin",
  "Content-Security-Policy":
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "X-Frame-Options": "DENY",
};

export function mailRoutes(ctx: AppContext, notifier: Notifier): Hono {
  const app = new Hono();
  const lang = notifier.settings.lang;
  const own = ctx.config.publicUrl;

  const page = (c: Context, title: string, body: string, status: 200 | 400 | 403 | 404 = 200) =>
    c.html(mailPage(lang, title, body), status, HEADERS);
  const bad = (c: Context) => page(c, t(lang, "badLink"), `<p>${escapeHtml(t(lang, "badLink"))}</p>`, 404);

  /** A POST from our own pages: its Origin must be ours (`optional`: none is accepted too). */
  function checkOrigin(c: Context, optional = false): void {
    const origin = c.req.header("Origin");
    if (origin === undefined && optional) return;
    if (!own || origin !== own)
      throw new CausetteError(
        "origin_not_allowed",
        "This form may only be sent from this server's own pages.",
      );
  }

  async function form(c: Context): Promise<Record<string, string>> {
    if (Number(c.req.header("Content-Length") ?? 0) > MAX_FORM)
      throw new CausetteError("too_large", "This form is too large.");
    const body = await c.req.parseBody().catch(() => ({}));
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v;
    return out;
  }

  /** The address a link or form names, when its token is right. */
  async function address(a: string | undefined, tok: string | undefined) {
    if (!a || !tok || !addressTokenOk(await ctx.secret(), a, tok)) return null;
    return ctx.store.subscriptions.getAddress(a);
  }

  app.get("/confirm", async (c) => {
    const { a, t: tok } = c.req.query();
    const found = await address(a, tok);
    if (!found) return bad(c);
    return page(
      c,
      t(lang, "confirmPageTitle"),
      `<p>${escapeHtml(t(lang, "confirmPageText", { email: found.email }))}</p>${postForm("/mail/confirm", { a: found.id, t: tok! }, t(lang, "confirmAction"))}`,
    );
  });

  app.post("/confirm", async (c) => {
    checkOrigin(c);
    const f = await form(c);
    const found = await address(f.a, f.t);
    if (!found) return bad(c);
    await ctx.store.subscriptions.confirm(found.id, new Date().toISOString());
    return page(
      c,
      t(lang, "confirmPageTitle"),
      `<p role="status">${escapeHtml(t(lang, "confirmedText", { email: found.email }))}</p>`,
    );
  });

  app.get("/manage", async (c) => {
    const { a, t: tok } = c.req.query();
    const found = await address(a, tok);
    if (!found) return bad(c);
    const subs = await ctx.store.subscriptions.list(found.id);
    const rows: string[] = [];
    for (const sub of subs) {
      const pageRow = await ctx.store.getPage(sub.site, sub.page);
      const title = oneLine(pageRow?.title ?? "", 100) || sub.page;
      const label = t(lang, sub.scope === "comment" ? "manageComment" : "managePage", { title });
      rows.push(
        `<li>${escapeHtml(label)} ${postForm("/mail/manage", { a: found.id, t: tok!, scope: sub.scope, target: sub.target }, t(lang, "stop"), true)}</li>`,
      );
    }
    const list = rows.length
      ? `<ul>${rows.join("")}</ul>${postForm("/mail/unsubscribe", { a: found.id, t: tok! }, t(lang, "stopAll"))}`
      : `<p>${escapeHtml(t(lang, "manageNone", { email: found.email }))}</p>`;
    return page(c, t(lang, "managePageTitle"), `<p>${escapeHtml(found.email)}</p>${list}`);
  });

  app.post("/manage", async (c) => {
    checkOrigin(c);
    const f = await form(c);
    const found = await address(f.a, f.t);
    if (!found || (f.scope !== "comment" && f.scope !== "page") || !f.target) return bad(c);
    await ctx.store.subscriptions.unsubscribe(found.id, f.scope, f.target);
    const back = new URL("/mail/manage", own ?? "http://localhost");
    back.searchParams.set("a", found.id);
    back.searchParams.set("t", f.t!);
    return c.redirect(`${back.pathname}${back.search}`, 303);
  });

  app.get("/unsubscribe", async (c) => {
    const { a, t: tok } = c.req.query();
    const found = await address(a, tok);
    if (!found) return bad(c);
    return page(
      c,
      t(lang, "managePageTitle"),
      `<p>${escapeHtml(t(lang, "unsubscribePageText", { email: found.email }))}</p>${postForm("/mail/unsubscribe", { a: found.id, t: tok! }, t(lang, "stopAll"))}`,
    );
  });

  // RFC 8058: the List-Unsubscribe URL (address and token in the query) receives
  // `List-Unsubscribe=One-Click`, form-encoded, from the mail provider; the page's own button
  // sends the address and token in the form instead.
  app.post("/unsubscribe", async (c) => {
    checkOrigin(c, true);
    const f = await form(c);
    const q = c.req.query();
    const found = await address(f.a ?? q.a, f.t ?? q.t);
    if (!found) return bad(c);
    await ctx.store.subscriptions.unsubscribe(found.id);
    return page(
      c,
      t(lang, "managePageTitle"),
      `<p role="status">${escapeHtml(t(lang, "stoppedAll", { email: found.email }))}</p>`,
    );
  });

  /** The comment an owner's signed link names, when the link is right and not expired. */
  async function signed(q: Record<string, string | undefined>) {
    const action = q.do as ModerationAction;
    if (!q.c || !q.t || !MODERATION_ACTIONS.includes(action)) return null;
    const expires = Number(q.e);
    if (!moderationTokenOk(await ctx.secret(), q.c, action, expires, q.t, Date.now())) return null;
    const comment = await ctx.store.getComment(q.c);
    return comment ? { comment, action, expires } : null;
  }

  app.get("/moderate", async (c) => {
    const q = c.req.query();
    const found = await signed(q);
    if (!found) return bad(c);
    const label = t(lang, found.action);
    return page(
      c,
      t(lang, "moderatePageTitle"),
      `<p>${escapeHtml(t(lang, "moderateConfirm", { action: label, name: oneLine(found.comment.authorName, 80) }))}</p><blockquote>${unlinked(found.comment.html)}</blockquote>${postForm("/mail/moderate", { c: q.c!, do: found.action, e: q.e!, t: q.t! }, label)}`,
    );
  });

  app.post("/moderate", async (c) => {
    checkOrigin(c);
    const found = await signed(await form(c));
    if (!found) return bad(c);
    const [changed] = await ctx.comments.moderate([found.comment.id], found.action as BulkAction, undefined, {
      skipErased: true,
    });
    const status = changed?.status ?? found.comment.status;
    return page(
      c,
      t(lang, "moderatePageTitle"),
      `<p role="status">${escapeHtml(t(lang, "moderated", { status }))}</p>`,
    );
  });

  return app;
}
