/**
 * `GET /api/events?site=&page=`: the page's public events as Server-Sent Events (docs/api.md).
 * A reconnecting client sends `Last-Event-ID` (EventSource does it by itself; `lastEventId`
 * in the query does the same for a first connection) and gets what it missed first.
 */
import { Hono } from "hono";
import type { AppContext } from "../context.js";
import { fail } from "../errors.js";
import type { LiveHub } from "../live/hub.js";
import * as v from "../validate.js";

/** The last event id a client names: a whole number, or nothing. */
function lastEventId(raw: string | undefined): number | null {
  const text = raw?.trim();
  if (!text) return null;
  if (!/^\d{1,15}$/.test(text))
    throw fail("invalid_field", "Last-Event-ID must be an event id.", "lastEventId");
  return Number(text);
}

export function eventRoutes(ctx: AppContext, hub: LiveHub): Hono {
  const app = new Hono();
  app.get("/", async (c) => {
    const site = v.site(c.req.query("site"));
    const page = await ctx.store.resolvePage(site, v.pageId(c.req.query("page")));
    const last = lastEventId(c.req.header("Last-Event-ID") ?? c.req.query("lastEventId"));
    return new Response(hub.open(site, page, last), {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-cache, no-transform",
        // nginx: pass each event on at once, whatever proxy_buffering says.
        "X-Accel-Buffering": "no",
      },
    });
  });
  return app;
}
