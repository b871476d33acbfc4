import { Hono } from "hono";
import { serveAsset } from "./static.js";

export interface AppDeps {
  /** The widget's script-tag files, by URL path (`/embed.js`, `/chunks/…`). */
  assets: Map<string, Parameters<typeof serveAsset>[1]>;
}

/** Builds the HTTP app from its dependencies, so tests can call `app.request()` in-process. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.on(["GET", "HEAD"], "/*", async (c, next) => {
    const asset = deps.assets.get(c.req.path);
    if (!asset) return next();
    return serveAsset(c, asset);
  });
  return app;
}
