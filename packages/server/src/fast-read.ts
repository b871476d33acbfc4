/**
 * @module fast-read
 * The thread reads every page view makes, `GET /api/comments` and `GET /api/comments.html`,
 * answered on node:http before Hono. Their answer is the same either way (routes/thread-get.ts
 * builds it, with the headers the middleware chain adds to a public read), but through Hono a
 * cached read cost 2.7× the CPU of a bare node:http server sending the same bytes: the
 * request and response objects, the routing over every route, the middleware chain, the
 * `Headers` objects built and read back. Here it is one URL test, the query's parsing and
 * the cache's lookup.
 *
 * Any other request, a HEAD, an odd Host, and any read that fails (a 400, the database
 * down) goes to Hono untouched, which answers it as ever: same route, same error, same
 * headers. Request log lines are the same as `requestLog`'s.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { getQueryParam } from "hono/utils/url";
import type { AppContext } from "./context.js";
import { logLine } from "./middleware/logger.js";
import type { RequestView } from "./middleware/proxy.js";
import { type ReadAnswer, type ThreadGets, viewRead } from "./routes/thread-get.js";

export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

/** A host name, IPv4 or bracketed IPv6 address, and a port: anything else is Hono's to judge. */
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

/**
 * @param gets the same answers as the Hono routes send (one instance for both)
 * @param log where request log lines go; null for none
 * @returns `next` with the cached thread reads taken first
 */
export function fastReads(
  ctx: AppContext,
  gets: ThreadGets,
  log: ((line: string) => void) | null,
): (next: NodeListener) => NodeListener {
  return (next) => (req, res) => {
    const url = req.url ?? "";
    const host = req.headers.host;
    if (req.method !== "GET" || !url.startsWith("/api/comments") || !host || !PLAIN_HOST.test(host))
      return next(req, res);
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    const read = path === "/api/comments" ? gets.json : path === "/api/comments.html" ? gets.html : null;
    if (read === null) return next(req, res);
    const start = performance.now();
    const scheme = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
    const absolute = `${scheme}://${host}${url}`;
    const view: RequestView = {
      url: absolute,
      header: (name) => header(req, name),
      peer: () => req.socket.remoteAddress ?? "127.0.0.1",
    };
    const query = getQueryParam(absolute) as Record<string, string>;
    const send = ({ status, headers, body }: ReadAnswer) => {
      // Before the answer, as requestLog's line comes before Hono's answer is written.
      if (log) log(logLine("GET", path, status, start));
      if (body) {
        res.writeHead(status, { ...headers, "Content-Length": body.byteLength });
        res.end(body);
      } else {
        res.writeHead(status, headers);
        res.end();
      }
    };
    read(viewRead(ctx, view, query))
      .then(send, () => next(req, res))
      .catch((err) => {
        console.error(err);
        res.destroy();
      });
  };
}
