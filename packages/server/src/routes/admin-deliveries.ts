/**
 * `/api/admin/deliveries`: the outbox as the owner sees it — outgoing e-mails and webhook
 * deliveries, queued, retrying, sent, dead or dropped, with the reason of the last failure —
 * and `POST /:id/retry` to send a failed, dead or dropped one again now. Behind the admin
 * session (routes/admin.ts). Payloads are not shown: they may hold links with tokens.
 */
import {
  type AdminDeliveriesResponse,
  type AdminDelivery,
  type AdminDeliveryResponse,
  DELIVERY_STATUSES,
  type DeliveryStatus,
} from "@causette/types";
import { Hono } from "hono";
import type { AppContext } from "../context.js";
import { fail } from "../errors.js";
import type { OutboxMessage } from "../outbox/outbox.js";
import * as v from "../validate.js";

const PAGE_SIZE = 50;

function toDelivery(m: OutboxMessage): AdminDelivery {
  return {
    id: m.id,
    channel: m.channel,
    kind: m.kind,
    site: m.site,
    recipient: m.recipient,
    status: m.status,
    attempts: m.attempts,
    dueAt: m.dueAt,
    lastError: m.lastError,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    sentAt: m.sentAt,
  };
}

function deliveryId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw fail("invalid_field", "id must be a delivery's number.", "id");
  return Number(raw);
}

export function adminDeliveryRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const outbox = ctx.store.outbox;

  app.get("/", async (c) => {
    const q = c.req.query();
    const status = q.status || undefined;
    if (status && !(DELIVERY_STATUSES as readonly string[]).includes(status))
      throw fail("invalid_field", `status must be one of ${DELIVERY_STATUSES.join(", ")}.`, "status");
    const channel = q.channel || undefined;
    if (channel && channel !== "email" && channel !== "webhook")
      throw fail("invalid_field", "channel must be email or webhook.", "channel");
    const before = q.before ? deliveryId(q.before) : undefined;
    const limit = v.integerParam(q.limit, "limit", 1, 200, PAGE_SIZE);
    const [rows, counts] = await Promise.all([
      outbox.list({ status: status as DeliveryStatus | undefined, channel, before, limit: limit + 1 }),
      outbox.counts(),
    ]);
    const page = rows.slice(0, limit);
    const body: AdminDeliveriesResponse = {
      deliveries: page.map(toDelivery),
      counts,
      nextBefore: rows.length > limit ? page.at(-1)!.id : null,
    };
    return c.json(body);
  });

  app.post("/:id/retry", async (c) => {
    const id = deliveryId(c.req.param("id"));
    if (!(await outbox.retry(id, new Date().toISOString()))) {
      const found = await outbox.get(id);
      if (!found) throw fail("delivery_not_found", "No such delivery.");
      throw fail(
        "delivery_not_retryable",
        found.status === "sent"
          ? "This delivery was sent: there is nothing to retry."
          : "This delivery is waiting for its first attempt already.",
      );
    }
    // Sent at once by this server's sender (every server's loop would find it within a poll).
    ctx.outbox.kick();
    const delivery = await outbox.get(id);
    return c.json({ delivery: toDelivery(delivery!) } satisfies AdminDeliveryResponse);
  });

  return app;
}
