/**
 * CSRF defence for the admin routes, on top of the SameSite=Strict cookie (which does not
 * separate two ports of one host): a request that says where it comes from must come from
 * the server's own origin.
 */
import type { Context } from "hono";

/** The origin the browser sees for this server, through a reverse proxy when there is one. */
export function ownOrigin(c: Context): string {
  const url = new URL(c.req.url);
  const proto = c.req.header("X-Forwarded-Proto")?.split(",")[0]?.trim().toLowerCase();
  const host = c.req.header("X-Forwarded-Host")?.split(",")[0]?.trim() || url.host;
  return `${proto ? `${proto}:` : url.protocol}//${host}`.toLowerCase();
}

/**
 * True unless the request carries an `Origin` (or a `Sec-Fetch-Site`) that shows another
 * origin. Requests without either (curl, scripts) are judged by the session alone.
 */
export function sameOrigin(c: Context): boolean {
  const origin = c.req.header("Origin");
  if (origin !== undefined && origin.toLowerCase() !== ownOrigin(c)) return false;
  const site = c.req.header("Sec-Fetch-Site");
  return site === undefined || site === "same-origin" || site === "none";
}
