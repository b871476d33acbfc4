/**
 * CSRF defence for the admin routes, on top of the SameSite=Strict cookie (which does not
 * separate two ports of one host): a request that says where it comes from must come from
 * the server's own origin — never a blog's. hono/csrf does not fit: it looks only at
 * form-like content types and answers in plain text, and the admin's writes are JSON.
 */
import type { Context } from "hono";

/**
 * True unless the request carries an `Origin` (or a `Sec-Fetch-Site`) that shows another
 * origin than `own` (proxy.ts `serverOrigin`). Requests without either (curl, scripts) are
 * judged by the session alone.
 */
export function sameOrigin(c: Context, own: string): boolean {
  const origin = c.req.header("Origin");
  if (origin !== undefined && origin.toLowerCase() !== own) return false;
  const site = c.req.header("Sec-Fetch-Site");
  return site === undefined || site === "same-origin" || site === "none";
}
