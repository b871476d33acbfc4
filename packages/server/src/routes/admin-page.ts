/**
 * The moderation page at `/admin`: the files built by `@causette/admin`, under a strict
 * Content-Security-Policy (no inline script or style, nothing from elsewhere, no framing).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Hono } from "hono";
import { type Asset, loadAssets } from "../static.js";

/** Same-origin only: the page talks to its own server and loads nothing from anywhere else. */
export const ADMIN_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": ADMIN_CSP,
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
};

/** Where `pnpm build` puts the admin page. */
export function adminAssetsDir(): string | null {
  try {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve("@causette/admin/package.json")), "dist");
  } catch {
    return null;
  }
}

export function mountAdminPage(app: Hono, dir: string | null = adminAssetsDir()): void {
  let files: Promise<Map<string, Asset>> | null = null;
  const load = () => {
    files ??= dir ? loadAssets(dir) : Promise.resolve(new Map());
    return files;
  };

  app.on(["GET", "HEAD"], "/admin", (c) => c.redirect("/admin/", 301));
  app.on(["GET", "HEAD"], "/admin/*", async (c) => {
    const assets = await load();
    const sub = c.req.path.slice("/admin".length);
    const asset = assets.get(sub === "/" ? "/index.html" : sub);
    if (!asset) {
      if (sub === "/")
        return c.text("The admin page is not built: run `pnpm build`.", 503, { "Cache-Control": "no-store" });
      return c.text("Not found", 404);
    }
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      "Content-Type": asset.type,
      ETag: asset.etag,
      // The page itself is revalidated on every load; its hashed assets are immutable.
      "Cache-Control": asset.type.startsWith("text/html") ? "no-cache" : asset.cacheControl,
    };
    if (c.req.header("If-None-Match") === asset.etag) return new Response(null, { status: 304, headers });
    return new Response(c.req.method === "HEAD" ? null : asset.body, { status: 200, headers });
  });
}
