/** One JSON line per request on stdout: time, method, path, status, duration. No address. */
import type { MiddlewareHandler } from "hono";

/** The line of one request; `start` is its `performance.now()` when it came. */
export function logLine(method: string, path: string, status: number, start: number): string {
  return `${JSON.stringify({
    time: new Date().toISOString(),
    method,
    path,
    status,
    ms: Math.round((performance.now() - start) * 10) / 10,
  })}\n`;
}

export function requestLog(
  write: (line: string) => void = (l) => process.stdout.write(l),
): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    write(logLine(c.req.method, c.req.path, c.res.status, start));
  };
}
