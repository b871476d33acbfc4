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
  ownerTokenOk,
} from "../notify/links.js";
import type { Notifier } from "../notify/notify.js";
import { escapeHtml, mailPage, oneLine, postForm, t, unlinked } from "../notify/render.js";
import { mailLang } from "../notify/settings.js";

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

  const page = (c: Context, title: string, body: string, status: 200 | 400 | 403 | 404 = 200, in_ = lang) =>
    c.html(mailPage(in_, title, body), status, HEADERS);
  const bad = (c: Context) => page(c, t(lang, "badLink"), `<p>${escapeHtml(t(lang, "badLink"))}</p>`, 404);
  /** A subscriber's pages are in their language (their page's), else the server's. */
  const langOf = (address: { lang: string | null }) => mailLang(address.lang, lang);

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
    const l = langOf(found);
    return page(
      c,
      t(l, "confirmPageTitle"),
      `<p>${escapeHtml(t(l, "confirmPageText", { email: found.email }))}</p>${postForm("/mail/confirm", { a: found.id, t: tok! }, t(l, "confirmAction"))}`,
      200,
      l,
    );
  });

  app.post("/confirm", async (c) => {
    checkOrigin(c);
    const f = await form(c);
    const found = await address(f.a, f.t);
    if (!found) return bad(c);
    await ctx.store.subscriptions.confirm(found.id, new Date().toISOString());
    const l = langOf(found);
    return page(
      c,
      t(l, "confirmPageTitle"),
      `<p role="status">${escapeHtml(t(l, "confirmedText", { email: found.email }))}</p>`,
      200,
      l,
    );
  });

  app.get("/manage", async (c) => {
    const { a, t: tok } = c.req.query();
    const found = await address(a, tok);
    if (!found) return bad(c);
    const subs = await ctx.store.subscriptions.list(found.id);
    const l = langOf(found);
    const rows: string[] = [];
    for (const sub of subs) {
      const pageRow = await ctx.store.getPage(sub.site, sub.page);
      const title = oneLine(pageRow?.title ?? "", 100) || sub.page;
      const label = t(l, sub.scope === "comment" ? "manageComment" : "managePage", { title });
      rows.push(
        `<li>${escapeHtml(label)} ${postForm("/mail/manage", { a: found.id, t: tok!, scope: sub.scope, target: sub.target }, t(l, "stop"), true)}</li>`,
      );
    }
    const list = rows.length
      ? `<ul>${rows.join("")}</ul>${postForm("/mail/unsubscribe", { a: found.id, t: tok! }, t(l, "stopAll"))}`
      : `<p>${escapeHtml(t(l, "manageNone", { email: found.email }))}</p>`;
    return page(c, t(l, "managePageTitle"), `<p>${escapeHtml(found.email)}</p>${list}`, 200, l);
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
    const l = langOf(found);
    return page(
      c,
      t(l, "managePageTitle"),
      `<p>${escapeHtml(t(l, "unsubscribePageText", { email: found.email }))}</p>${postForm("/mail/unsubscribe", { a: found.id, t: tok! }, t(l, "stopAll"))}`,
      200,
      l,
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
    const l = langOf(found);
    return page(
      c,
      t(l, "managePageTitle"),
      `<p role="status">${escapeHtml(t(l, "stoppedAll", { email: found.email }))}</p>`,
      200,
      l,
    );
  });

  // The owner's alerts (CAUSETTE_OWNER_EMAIL): their one-click unsubscribe turns them off in
  // the database, and the page of the alerts turns them back on. The link signs the owner's
  // address: it opens nothing once CAUSETTE_OWNER_EMAIL names another.
  async function owner(tok: string | undefined): Promise<string | null> {
    const email = notifier.settings.ownerEmail;
    if (!email || notifier.settings.ownerNotify === "none" || !tok) return null;
    return ownerTokenOk(await ctx.secret(), email, tok) ? email : null;
  }

  const ownerState = async (email: string): Promise<string> =>
    (await ctx.store.subscriptions.ownerAlertsOff(email))
      ? t(lang, "ownerOff", { email })
      : t(lang, notifier.settings.ownerNotify === "pending" ? "ownerOnPending" : "ownerOnAll", { email });

  app.get("/owner", async (c) => {
    const tok = c.req.query("t");
    const email = await owner(tok);
    if (!email) return bad(c);
    const off = await ctx.store.subscriptions.ownerAlertsOff(email);
    return page(
      c,
      t(lang, "ownerPageTitle"),
      `<p>${escapeHtml(await ownerState(email))}</p>${postForm("/mail/owner", { t: tok!, on: off ? "1" : "0" }, t(lang, off ? "ownerResumeButton" : "ownerStopButton"))}`,
    );
  });

  app.post("/owner", async (c) => {
    checkOrigin(c);
    const f = await form(c);
    const email = await owner(f.t);
    if (!email || (f.on !== "0" && f.on !== "1")) return bad(c);
    await ctx.store.subscriptions.setOwnerAlerts(email, f.on === "1", new Date().toISOString());
    return page(
      c,
      t(lang, "ownerPageTitle"),
      `<p role="status">${escapeHtml(t(lang, f.on === "1" ? "ownerResumed" : "ownerStopped", { email }))}</p>`,
    );
  });

  app.get("/owner/unsubscribe", async (c) => {
    const tok = c.req.query("t");
    const email = await owner(tok);
    if (!email) return bad(c);
    return page(
      c,
      t(lang, "ownerPageTitle"),
      `<p>${escapeHtml(t(lang, "ownerUnsubscribeText", { email }))}</p>${postForm("/mail/owner/unsubscribe", { t: tok! }, t(lang, "ownerStopButton"))}`,
    );
  });

  // RFC 8058, as /unsubscribe: the token in the query (the header's URL) or in the form.
  app.post("/owner/unsubscribe", async (c) => {
    checkOrigin(c, true);
    const f = await form(c);
    const email = await owner(f.t ?? c.req.query("t"));
    if (!email) return bad(c);
    await ctx.store.subscriptions.setOwnerAlerts(email, false, new Date().toISOString());
    return page(
      c,
      t(lang, "ownerPageTitle"),
      `<p role="status">${escapeHtml(t(lang, "ownerStopped", { email }))}</p>`,
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
