/**
 * CORS as API.md sets it: reads are public (`*`); writes from a browser only from the
 * allowed origins and the server's own (reflected), everything else 403
 * `origin_not_allowed`. Requests without an `Origin` header (scripts, the CLI) pass. The
 * admin routes are never cross-origin: they check their own origin (admin/origin.ts).
 */
import type { Context, MiddlewareHandler } from "hono";
import { fail } from "../errors.js";
import { mayWrite } from "../origins.js";

export { originAllowed } from "../origins.js";

const ALLOW_METHODS = "GET, HEAD, POST, PATCH, DELETE, OPTIONS";
const ALLOW_HEADERS = "Authorization, Content-Type, X-Causette-Voter";

const logged = new Set<string>();

/** Says in the log, once per origin, which setting lets a refused origin's pages write. */
function refused(origin: string): void {
  if (logged.size >= 100 || logged.has(origin)) return;
  logged.add(origin);
  console.warn(
    JSON.stringify({
      level: "warn",
      msg: `pages on ${origin} may not post comments: add ${origin} to CAUSETTE_ORIGINS (comma-separated) to allow them`,
    }),
  );
}

/**
 * @param configured `CAUSETTE_ORIGINS`; null = the server's own origin and http://localhost:*.
 * @param ownOrigin the origin the browser sees for this server (proxy.ts `serverOrigin`).
 */
export function cors(configured: string[] | null, ownOrigin: (c: Context) => string): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path.startsWith("/api/admin/")) return next();
    const origin = c.req.header("Origin");
    const method = c.req.method;
    const isWrite = method === "POST" || method === "PATCH" || method === "DELETE";
    const preflight = method === "OPTIONS";
    let allowed = true;
    if (origin && (isWrite || preflight)) {
      allowed = mayWrite(origin, configured, ownOrigin(c));
    }
    if (preflight) {
      if (!allowed) {
        refused(origin!);
        throw fail("origin_not_allowed", `Writes from ${origin} are not allowed by this server.`);
      }
      const headers: Record<string, string> = {
        "Access-Control-Allow-Methods": ALLOW_METHODS,
        "Access-Control-Allow-Headers": ALLOW_HEADERS,
        "Access-Control-Max-Age": "600",
        Vary: "Origin",
      };
      headers["Access-Control-Allow-Origin"] = origin ?? "*";
      return new Response(null, { status: 204, headers });
    }
    if (isWrite && origin && !allowed)
      throw fail("origin_not_allowed", `Writes from ${origin} are not allowed by this server.`);
    await next();
    if (isWrite && origin) {
      c.res.headers.set("Access-Control-Allow-Origin", origin);
      c.res.headers.append("Vary", "Origin");
    } else if (!c.res.headers.has("Access-Control-Allow-Origin")) {
      c.res.headers.set("Access-Control-Allow-Origin", "*");
    }
  };
}
