/** `GET /api/counts?site&page=…&page=…`: approved comments per page, up to 100 pages. */
import { type CountsResponse, LIMITS } from "@causette/types";
import { Hono } from "hono";
import type { AppContext } from "../context.js";
import { fail } from "../errors.js";
import { countThreads } from "../store/resolve.js";
import * as v from "../validate.js";

export function countRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.get("/", async (c) => {
    const site = v.site(c.req.query("site"));
    const raw = c.req.queries("page") ?? [];
    if (!raw.length) throw fail("invalid_field", "Give at least one page.", "page");
    const pages = [...new Set(raw.map((p) => v.pageId(p)))];
    if (pages.length > LIMITS.countsPagesMax)
      throw fail("invalid_field", `At most ${LIMITS.countsPagesMax} pages per request.`, "page");
    const response: CountsResponse = { counts: await countThreads(ctx.store, site, pages) };
    return c.json(response, 200, { "Cache-Control": "no-cache" });
  });
  return app;
}
