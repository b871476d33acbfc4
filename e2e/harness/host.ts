import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { freePort } from "./ports.js";

export interface HostPage {
  body: string;
  headers?: Record<string, string>;
}

export interface RunningHost {
  /** The host's origin, e.g. "http://localhost:40124" — another origin than the server's. */
  origin: string;
  /** Adds or replaces a page at `path`. */
  set: (path: string, page: HostPage | string) => void;
  stop: () => Promise<void>;
}

/**
 * Serves host pages, as a blog would, from another origin than the Causette server:
 * `localhost` and its own port, where the server listens on `127.0.0.1`.
 */
export async function startHost(pages: Record<string, HostPage | string> = {}): Promise<RunningHost> {
  const table = new Map<string, HostPage>();
  const set = (path: string, page: HostPage | string) =>
    table.set(path, typeof page === "string" ? { body: page } : page);
  for (const [path, page] of Object.entries(pages)) set(path, page);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const page = table.get(path);
    if (!page) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", ...page.headers }).end(page.body);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    origin: `http://localhost:${port}`,
    set,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A plain blog page that pastes the script tag the way the docs tell site owners to. */
export function blogPage(opts: {
  server: string;
  title?: string;
  lang?: string;
  head?: string;
  body?: string;
  scriptAttrs?: string;
}): string {
  return `<!doctype html>
<html lang="${opts.lang ?? "en"}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title ?? "A post"}</title>${opts.head ?? ""}</head>
<body>
<main><article><h1>${opts.title ?? "A post"}</h1><p>Some words of the article.</p></article>
${opts.body ?? '<div id="causette"></div>'}
</main>
<script src="${opts.server}/embed.js" ${opts.scriptAttrs ?? ""} async></script>
</body></html>`;
}
