/**
 * @module routes/admin
 * `/api/admin/*`: login and logout, then everything behind a session (API.md). With no
 * CAUSETTE_ADMIN_PASSWORD every route answers 404 `admin_disabled`; without a valid session
 * every route but login and logout answers 401; a write from another origin answers 403.
 */
import type { AdminSessionResponse } from "@causette/types";
import { Hono } from "hono";
import { sameOrigin } from "../admin/origin.js";
import { hashPassword, type PasswordHash, verifyPassword } from "../admin/password.js";
import { endSession, hasSession, startSession } from "../admin/session.js";
import { type AppContext, clientHash } from "../context.js";
import { CausetteError, fail } from "../errors.js";
import { readJson } from "../middleware/body.js";
import { slidingWindow } from "../moderation/rules.js";
import { adminBanRoutes } from "./admin-bans.js";
import { adminCommentRoutes } from "./admin-comments.js";
import { adminExportRoutes } from "./admin-export.js";
import { adminImportRoutes } from "./admin-import.js";
import { mountAdminPage } from "./admin-page.js";
import { adminPageRoutes } from "./admin-pages.js";

/** After this many failed logins in the window, a client is refused even the right password. */
export const LOGIN_FAILURES_MAX = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;

export function adminApi(ctx: AppContext): Hono {
  const app = new Hono();
  const password = ctx.config.adminPassword;
  const hashed: Promise<PasswordHash> | null = password ? hashPassword(password) : null;

  app.use("*", async (c, next) => {
    c.header("Cache-Control", "no-store");
    if (!hashed)
      throw fail("admin_disabled", "The admin is turned off: set CAUSETTE_ADMIN_PASSWORD to turn it on.");
    const m = c.req.method;
    if (m !== "GET" && m !== "HEAD" && !sameOrigin(c))
      throw fail("origin_not_allowed", "Admin requests must come from the admin page itself.");
    return next();
  });

  app.post("/login", async (c) => {
    const client = await clientHash(ctx, c);
    const now = Date.now();
    const failures = await ctx.store.admin.loginFailures(
      client,
      new Date(now - LOGIN_WINDOW_MS).toISOString(),
    );
    const window = slidingWindow(failures.map(Date.parse), now, LOGIN_FAILURES_MAX, LOGIN_WINDOW_MS);
    if (!window.allowed)
      throw new CausetteError("rate_limited", "Too many failed logins: try again later.", {
        retryAfter: window.retryAfterSeconds,
      });
    const input = await readJson(c);
    if (!(await verifyPassword(await hashed!, input.password))) {
      await ctx.store.admin.recordLoginFailure(client, new Date(now).toISOString());
      throw fail("bad_credentials", "Wrong password.");
    }
    await ctx.store.admin.clearLoginFailures(client);
    await startSession(c, ctx.store.admin, now);
    return c.body(null, 204);
  });

  app.post("/logout", async (c) => {
    await endSession(c, ctx.store.admin);
    return c.body(null, 204);
  });

  app.use("*", async (c, next) => {
    if (!(await hasSession(c, ctx.store.admin))) throw fail("unauthorized", "Log in first.");
    return next();
  });

  app.get("/session", async (c) => {
    const [sites, pending] = await Promise.all([ctx.store.admin.sites(), ctx.store.admin.pendingCount()]);
    const body: AdminSessionResponse = { moderation: ctx.config.moderation, sites, pending };
    return c.json(body);
  });
  app.route("/comments", adminCommentRoutes(ctx));
  app.route("/pages", adminPageRoutes(ctx));
  app.route("/bans", adminBanRoutes(ctx));
  app.route("/import", adminImportRoutes(ctx));
  app.route("/export", adminExportRoutes(ctx));
  app.all("*", (c) => {
    throw fail("not_found", `No route ${c.req.method} ${c.req.path}.`);
  });
  return app;
}

/** Mounts the admin API and the admin page on the app (see app.ts). */
export function mountAdmin(app: Hono, ctx: AppContext): void {
  app.route("/api/admin", adminApi(ctx));
  mountAdminPage(app);
}
