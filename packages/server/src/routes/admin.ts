/**
 * @module routes/admin
 * `/api/admin/*`: login and logout, then everything behind a session (API.md). With no
 * CAUSETTE_ADMIN_PASSWORD every route answers 404 `admin_disabled`; without a valid session
 * every route but login and logout answers 401; a write from another origin answers 403.
 */
import type { AdminSessionResponse } from "@causette/types";
import { type Context, Hono } from "hono";
import { sameOrigin } from "../admin/origin.js";
import { hashPassword, type PasswordHash, sessionKey, verifyPassword } from "../admin/password.js";
import { endSession, hasSession, startSession } from "../admin/session.js";
import { type AppContext, clientHash, serverOriginOf } from "../context.js";
import { CausetteError, fail } from "../errors.js";
import { readJson } from "../middleware/body.js";
import { slidingWindow } from "../moderation/rules.js";
import { keyedHash } from "../security/crypto.js";
import { adminBanRoutes } from "./admin-bans.js";
import { adminCommentRoutes } from "./admin-comments.js";
import { adminDeliveryRoutes } from "./admin-deliveries.js";
import { adminExportRoutes } from "./admin-export.js";
import { adminImportRoutes } from "./admin-import.js";
import { adminMailRoutes } from "./admin-mail.js";
import { mountAdminPage } from "./admin-page.js";
import { adminPageRoutes } from "./admin-pages.js";

/**
 * Login attempts a client may make in the window, counted before the password is checked;
 * a success takes back only its own attempt, so the failures around it stay counted.
 */
export const LOGIN_ATTEMPTS_MAX = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;

interface AdminKeys {
  password: PasswordHash;
  session: Buffer;
}

export function adminApi(ctx: AppContext): Hono {
  const app = new Hono();
  const password = ctx.config.adminPassword;
  // The salt comes from the database's secret, so every server derives the same session key.
  let keys: Promise<AdminKeys> | null = null;
  const adminKeys = (): Promise<AdminKeys> => {
    keys ??= ctx
      .secret()
      .then((secret) => hashPassword(password!, Buffer.from(keyedHash(secret, "admin-password-salt"), "hex")))
      .then((hash) => ({ password: hash, session: sessionKey(hash) }))
      .catch((err) => {
        keys = null;
        throw err;
      });
    return keys;
  };
  const secure = (c: Context) => serverOriginOf(ctx, c).startsWith("https:");

  app.use("*", async (c, next) => {
    c.header("Cache-Control", "no-store");
    if (!password)
      throw fail("admin_disabled", "The admin is turned off: set CAUSETTE_ADMIN_PASSWORD to turn it on.");
    const m = c.req.method;
    if (m !== "GET" && m !== "HEAD" && !sameOrigin(c, serverOriginOf(ctx, c)))
      throw fail("origin_not_allowed", "Admin requests must come from the admin page itself.");
    return next();
  });

  app.post("/login", async (c) => {
    const input = await readJson(c);
    const client = await clientHash(ctx, c);
    const now = Date.now();
    // Counted first, in one transaction: concurrent guesses cannot all be checked.
    const attempt = await ctx.store.admin.reserveLoginAttempt(
      client,
      new Date(now).toISOString(),
      new Date(now - LOGIN_WINDOW_MS).toISOString(),
      LOGIN_ATTEMPTS_MAX,
    );
    if ("refused" in attempt) {
      const window = slidingWindow(attempt.refused.map(Date.parse), now, LOGIN_ATTEMPTS_MAX, LOGIN_WINDOW_MS);
      throw new CausetteError("rate_limited", "Too many failed logins: try again later.", {
        retryAfter: window.allowed ? 1 : window.retryAfterSeconds,
      });
    }
    const { password: hash, session } = await adminKeys();
    if (!(await verifyPassword(hash, input.password))) throw fail("bad_credentials", "Wrong password.");
    await ctx.store.admin.forgetLoginAttempt(attempt.id);
    await startSession(c, ctx.store.admin, session, secure(c), now);
    return c.body(null, 204);
  });

  app.post("/logout", async (c) => {
    await endSession(c, ctx.store.admin, (await adminKeys()).session, secure(c));
    return c.body(null, 204);
  });

  app.use("*", async (c, next) => {
    if (!(await hasSession(c, ctx.store.admin, (await adminKeys()).session)))
      throw fail("unauthorized", "Log in first.");
    return next();
  });

  // After the session check: only a logged-in admin may log everyone out.
  app.post("/logout-everywhere", async (c) => {
    await ctx.store.admin.deleteAllSessions();
    await endSession(c, ctx.store.admin, (await adminKeys()).session, secure(c));
    return c.body(null, 204);
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
  app.route("/deliveries", adminDeliveryRoutes(ctx));
  app.route("/mail", adminMailRoutes(ctx));
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
