/** One JSON line per request on stdout: time, method, path, status, duration. No address. */
import type { MiddlewareHandler } from "hono";

export function requestLog(
  write: (line: string) => void = (l) => process.stdout.write(l),
): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    write(
      `${JSON.stringify({
        time: new Date().toISOString(),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - start) * 10) / 10,
      })}\n`,
    );
  };
}
