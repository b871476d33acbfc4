/**
 * The moderation page at `/admin`: the files built by `@causette/admin`, under a strict
 * Content-Security-Policy (no inline script or style, nothing from elsewhere, no framing).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Hono } from "hono";
import { type Asset, loadAssets, serveAsset } from "../static.js";

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
    // Compressed as the widget's files are, under the page's own headers. The page itself is
    // revalidated on every load; its hashed assets are immutable.
    return serveAsset(c, asset, {
      ...SECURITY_HEADERS,
      ...(asset.type.startsWith("text/html") ? { "Cache-Control": "no-cache" } : {}),
    });
  });
}
