/**
 * @module app
 * Builds the Hono app from its dependencies, so tests call `app.request()` in-process and
 * the CLI serves the very same app over a port.
 */
import type { HealthResponse } from "@causette/types";
import { Hono } from "hono";
import { ThreadCache } from "./cache/thread-cache.js";
import { CommentsDomain } from "./comments/domain.js";
import { type CommentEvent, EventBus } from "./comments/events.js";
import { type Config, loadConfig } from "./config.js";
import { type AppContext, serverOriginOf } from "./context.js";
import { fastReads, type NodeListener } from "./fast-read.js";
import { registerWebhooks } from "./hooks/index.js";
import { errorBody, errorResponse } from "./http-errors.js";
import { LiveHub } from "./live/hub.js";
import { closeAfterTooLarge, limitBody } from "./middleware/body.js";
import { cors } from "./middleware/cors.js";
import { requestLog } from "./middleware/logger.js";
import { ProxyTrust } from "./middleware/proxy.js";
import { databaseLimits, memoryLimits, type WriteLimits } from "./middleware/rate-limit.js";
import { nosniff } from "./middleware/secure-headers.js";
import { Notifier } from "./notify/notify.js";
import { smtp } from "./notify/smtp.js";
import { Outbox } from "./outbox/outbox.js";
import { mountAdmin } from "./routes/admin.js";
import { commentRoutes } from "./routes/comments.js";
import { commentHtmlRoutes } from "./routes/comments-html.js";
import { countRoutes } from "./routes/counts.js";
import { eventRoutes } from "./routes/events.js";
import { feedRoutes } from "./routes/feeds.js";
import { mailRoutes } from "./routes/mail.js";
import { originRoutes } from "./routes/origin.js";
import { shareRoutes } from "./routes/shares.js";
import { threadGets } from "./routes/thread-get.js";
import { voteRoutes } from "./routes/votes.js";
import { type Asset, serveAsset, serveDirectory } from "./static.js";
import { databaseState } from "./store/health.js";
import type { Store } from "./store/types.js";

export interface AppDeps {
  store: Store;
  /** Defaults to `loadConfig()` (the environment). */
  config?: Config;
  /** The widget's script-tag files, by URL path (`/embed.js`, `/chunks/…`). */
  assets?: Map<string, Asset>;
  /** Folders served at `/` after the API and the widget files (e.g. the example blog). */
  staticDirs?: string[];
  /** Where request log lines go; none when omitted or when `config.log` is false. */
  log?: (line: string) => void;
  /** The domain's events; a new bus when omitted. Listeners may be added before or after. */
  bus?: EventBus;
  /** The outbox whose loops the caller starts (`causette serve`); a new, idle one when omitted. */
  outbox?: Outbox;
  /** Per-client limits; defaults to in-memory counters sized by `config.rateLimit`. */
  limits?: WriteLimits;
  /** The live streams' hub (`GET /api/events`); a new one on the bus when omitted. */
  live?: LiveHub;
  /** Adds more routes (admin, …) with the same context, before the static files. */
  plugins?: ((app: Hono, ctx: AppContext) => void)[];
}

/**
 * @example
 * const store = await openStore({ dbPath: "./causette.db" });
 * const app = createApp({ store, config: loadConfig({ CAUSETTE_RATE_LIMIT: "0" }) });
 * const res = await app.request("/api/comments?page=/post/");
 */
export function createApp(deps: AppDeps): Hono {
  return createNodeApp(deps).app;
}

/** The app, and what serves it best on node:http (`causette serve`). */
export interface NodeApp {
  app: Hono;
  /**
   * Wraps the Hono app's node:http listener (@hono/node-server's): the cached thread reads
   * are answered before it (fast-read.ts), with the same answers.
   */
  withFastReads(next: NodeListener): NodeListener;
}

export function createNodeApp(deps: AppDeps): NodeApp {
  const config = deps.config ?? loadConfig();
  const { store } = deps;
  let secretOnce: Promise<string> | null = null;
  const secret = () => {
    secretOnce ??= store.secret().catch((err) => {
      secretOnce = null;
      throw err;
    });
    return secretOnce;
  };
  const bus = deps.bus ?? new EventBus();
  const cache = new ThreadCache();
  // The one way a cached thread learns of a change: the domain's events.
  bus.on((event) => cache.forget(event.site, event.page));
  // PostgreSQL: every server's events reach this bus (the bus tells each id once), and the
  // cache trusts page versions only while they do.
  store.feed?.subscribe({
    event: (event) => bus.emit(event as CommentEvent),
    state: (up) => cache.trustVersions(up),
  });
  const ctx: AppContext = {
    store,
    config,
    // Counted in the database when servers may share it; in memory for SQLite's one server.
    limits:
      deps.limits ??
      (store.dialect === "postgres"
        ? databaseLimits(store.counters, config.rateLimit)
        : memoryLimits(config.rateLimit)),
    proxies: new ProxyTrust(config.trustProxy),
    cache,
    secret,
    bus,
    comments: new CommentsDomain(store, config, secret, bus),
    outbox: deps.outbox ?? new Outbox(store),
    mail: null,
  };
  // Every domain event to each CAUSETTE_WEBHOOK_URL, signed, through the outbox.
  registerWebhooks(ctx);
  // E-mail, when a relay is configured: the outbox expands events into reply e-mails and
  // owner alerts and sends them through it (notify/notify.ts).
  const { smtpUrl, from } = config.mail;
  if (smtpUrl && config.publicUrl) {
    const relay = smtp(smtpUrl, from);
    ctx.mail = new Notifier(store, config.mail, config.publicUrl, secret, relay.send);
    ctx.outbox.expand(ctx.mail.expand).transport("email", ctx.mail.transport);
  }

  const app = new Hono();
  const log = deps.log && config.log ? deps.log : null;
  if (log) app.use(requestLog(log));

  app.onError(errorResponse);
  app.use(nosniff());

  app.get("/healthz", async (c) => {
    const database = await databaseState(store);
    const ok = database === "ok";
    return c.json({ ok, database } satisfies HealthResponse, ok ? 200 : 503, { "Cache-Control": "no-store" });
  });

  app.use(
    "/api/*",
    cors(config.origins, (c) => serverOriginOf(ctx, c)),
  );
  app.use("/api/*", closeAfterTooLarge());
  app.use("/api/*", async (c, next) => {
    const m = c.req.method;
    // The admin's import upload streams its file to disk under its own cap (admin-import.ts).
    if (c.req.path === "/api/admin/import") return next();
    if (m === "POST" || m === "PATCH" || m === "PUT" || m === "DELETE") return limitBody()(c, next);
    return next();
  });
  app.route("/api/comments", voteRoutes(ctx));
  // One instance for the routes and the node:http fast path (one form token a second).
  const gets = threadGets(ctx);
  app.route("/api/comments", commentRoutes(ctx, gets));
  app.route("/api/comments.html", commentHtmlRoutes(ctx, gets));
  app.route("/api/counts", countRoutes(ctx));
  app.route("/api/events", eventRoutes(ctx, deps.live ?? new LiveHub(store, bus)));
  app.route("/api/shares", shareRoutes(ctx));
  app.route("/api/origin", originRoutes(ctx));
  app.route("/api/feed", feedRoutes(ctx));
  mountAdmin(app, ctx);
  if (ctx.mail) app.route("/mail", mailRoutes(ctx, ctx.mail));
  for (const plugin of deps.plugins ?? []) plugin(app, ctx);
  app.all("/api/*", (c) => errorBody(c, "not_found", `No route ${c.req.method} ${c.req.path}.`, 404));

  const assets = deps.assets ?? new Map<string, Asset>();
  app.on(["GET", "HEAD"], "/*", async (c, next) => {
    const asset = assets.get(c.req.path);
    if (!asset) return next();
    return serveAsset(c, asset);
  });
  for (const dir of deps.staticDirs ?? []) app.on(["GET", "HEAD"], "/*", serveDirectory(dir));

  app.notFound((c) => c.text("Not found", 404));
  return { app, withFastReads: fastReads(ctx, gets, log) };
}
