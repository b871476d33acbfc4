/**
 * `GET /api/origin`: whether the page asking may write. The server refuses the CORS preflight
 * of a write from an origin it does not allow, and a refused preflight reaches the page as a
 * bare network error; this read, open to every origin like every read, lets the widget say
 * what is wrong and which setting fixes it.
 */
import type { OriginResponse } from "@causette/types";
import { Hono } from "hono";
import { type AppContext, serverOriginOf } from "../context.js";
import { mayWrite } from "../origins.js";

export function originRoutes(ctx: AppContext): Hono {
  const { config } = ctx;
  const app = new Hono();
  app.get("/", async (c) => {
    const origin = c.req.header("Origin") ?? null;
    // The CORS middleware's own rule, with this request's own origin.
    const writable = !origin || mayWrite(origin, config.origins, serverOriginOf(ctx, c));
    const response: OriginResponse = { origin, writable };
    if (!writable)
      response.error = {
        code: "origin_not_allowed",
        message: `Causette: this server takes no comments from pages on ${origin}: add it to CAUSETTE_ORIGINS (comma-separated origins) and restart the server.`,
      };
    return c.json(response, 200, { "Cache-Control": "no-store" });
  });
  return app;
}
