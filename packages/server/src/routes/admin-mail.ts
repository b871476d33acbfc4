/**
 * `/api/admin/mail`: a commenter's e-mail data. `POST /forget { email, site? }` deletes the
 * address (on one site or all), its subscriptions and every outbox message to it — what the
 * owner does when a commenter asks to have their data deleted (docs/privacy.md).
 */
import { Hono } from "hono";
import type { AppContext } from "../context.js";
import { fail } from "../errors.js";
import { readJson } from "../middleware/body.js";

export function adminMailRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.post("/forget", async (c) => {
    const body = (await readJson(c)) as { email?: unknown; site?: unknown };
    if (typeof body.email !== "string" || !body.email.includes("@"))
      throw fail("invalid_field", "email must be an e-mail address.", "email");
    if (body.site !== undefined && typeof body.site !== "string")
      throw fail("invalid_field", "site must be a string.", "site");
    const ids = await ctx.store.subscriptions.forget(body.email.trim(), body.site);
    let messages = 0;
    for (const id of ids) messages += await ctx.store.outbox.forgetRecipient(`mail:${id}`);
    return c.json({ addresses: ids.length, messages });
  });
  return app;
}
