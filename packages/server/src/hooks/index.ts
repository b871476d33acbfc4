/**
 * @module hooks
 * Webhooks: with `CAUSETTE_WEBHOOK_URL` set, every domain event is delivered, signed, to
 * each URL through the outbox (docs/notifications.md "Webhooks").
 */
import type { AppContext } from "../context.js";
import { webhookKey } from "./config.js";
import { WEBHOOK_CHANNEL, webhookExpander } from "./expand.js";
import { webhookTransport } from "./transport.js";

export function registerWebhooks(ctx: AppContext): void {
  const config = ctx.config.webhooks;
  if (!config) return;
  let key: Promise<Buffer> | null = null;
  ctx.outbox.expand(webhookExpander(ctx.store, config.urls));
  ctx.outbox.transport(
    WEBHOOK_CHANNEL,
    webhookTransport({
      allowPrivate: config.allowPrivate,
      key: () => {
        key ??= ctx.secret().then((secret) => webhookKey(config, secret));
        return key;
      },
    }),
  );
}
