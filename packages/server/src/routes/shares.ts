/**
 * `/api/shares`: first-party share counts. A count is all that is stored — no address, no
 * cookie, no referrer. One client counts at most once per page and network per hour, and its
 * clicks have a per-client budget of their own, so a script cannot inflate counts cheaply.
 */
import { SHARE_NETWORKS, type ShareNetwork, type SharesResponse } from "@causette/types";
import { Hono } from "hono";
import { type AppContext, countShare } from "../context.js";
import { fail } from "../errors.js";
import { readJson } from "../middleware/body.js";
import * as v from "../validate.js";

export function shareRoutes(ctx: AppContext): Hono {
  const app = new Hono();

  // navigator.sendBeacon can only send text/plain across origins without a preflight.
  app.post("/", async (c) => {
    const input = await readJson(c, true);
    const site = v.site(input.site);
    const page = await ctx.store.resolvePage(site, v.pageId(input.page));
    const network = input.network;
    if (typeof network !== "string" || !(SHARE_NETWORKS as readonly string[]).includes(network))
      throw fail("invalid_field", `network must be one of ${SHARE_NETWORKS.join(", ")}.`, "network");
    const client = await countShare(ctx, c);
    // Once per client, page and network an hour: counted where every server sees it.
    if ((await ctx.limits.shareOnce.take([client, site, page, network].join("\u0000"))) === 0)
      await ctx.store.addShare(site, page, network as ShareNetwork);
    return c.body(null, 204);
  });

  app.get("/", async (c) => {
    const site = v.site(c.req.query("site"));
    const page = await ctx.store.resolvePage(site, v.pageId(c.req.query("page")));
    const networks = await ctx.store.shareCounts(site, page);
    const response: SharesResponse = {
      total: Object.values(networks).reduce((a, b) => a + b, 0),
      networks,
    };
    return c.json(response, 200, { "Cache-Control": "no-cache" });
  });
  return app;
}
