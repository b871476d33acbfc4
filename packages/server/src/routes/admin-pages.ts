/** `/api/admin/pages`: pages with their counts, and locking a page's thread. */
import { LIMITS, type PageInfo } from "@causette/types";
import { Hono } from "hono";
import type { AppContext } from "../context.js";
import { fail } from "../errors.js";
import { readJson } from "../middleware/body.js";
import * as v from "../validate.js";

export function adminPageRoutes(ctx: AppContext): Hono {
  const app = new Hono();

  app.get("/", async (c) => {
    const site = v.text(c.req.query("site"), { field: "site", max: LIMITS.siteMax }) ?? undefined;
    const q = v.text(c.req.query("q"), { field: "q", max: 200 }) ?? undefined;
    return c.json({ pages: await ctx.store.admin.listPages({ site, q, limit: 500 }) });
  });

  app.post("/lock", async (c) => {
    const input = await readJson(c);
    const site = v.site(input.site);
    const path = v.pageId(input.page);
    if (typeof input.locked !== "boolean")
      throw fail("invalid_field", "locked must be true or false.", "locked");
    const page = await ctx.comments.lockPage(site, path, input.locked);
    const counts = await ctx.store.countApproved(site, [path]);
    const info: PageInfo = {
      id: page.path,
      title: page.title,
      url: page.url,
      commentCount: counts[path] ?? 0,
      locked: page.locked,
    };
    return c.json({ page: info });
  });

  return app;
}
