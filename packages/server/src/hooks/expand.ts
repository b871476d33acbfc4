/**
 * @module hooks/expand
 * Each domain event becomes one webhook delivery per `CAUSETTE_WEBHOOK_URL`: an outbox
 * message of channel "webhook" whose body is fixed now (so every retry sends the same bytes)
 * and whose `webhook-id` is the receiver's idempotency key. The body follows the Standard
 * Webhooks shape `{ type, timestamp, data }`; `data` is the event (ids, kinds, small values)
 * with, for comment events, the comment as the public API shows it — never an e-mail, an
 * address hash or a token — its page, and a link to it.
 */
import { randomBytes } from "node:crypto";
import type { CommentEvent } from "../comments/events.js";
import { commentLink } from "../feeds/atom.js";
import type { Expander, MessageDraft } from "../outbox/outbox.js";
import { toPublicComment } from "../serialize.js";
import type { Store } from "../store/types.js";
import type { WebhookPayload } from "./transport.js";

export const WEBHOOK_CHANNEL = "webhook";

export function webhookExpander(store: Store, urls: readonly string[]): Expander {
  return async (logged) => {
    const event = logged as CommentEvent;
    const data: Record<string, unknown> = { ...event };
    const page = await store.getPage(event.site, event.page);
    data.pageInfo = { id: event.page, title: page?.title ?? null, url: page?.url ?? null };
    if ("commentId" in event && event.commentId) {
      const record = await store.getComment(event.commentId);
      if (record) {
        // The stored status (spam included): the site's own receivers moderate by it.
        data.comment = { ...toPublicComment(record), status: record.status };
        data.link = commentLink(page?.url ?? null, record.id);
      }
    }
    const body = JSON.stringify({ type: event.type, timestamp: event.at, data });
    return urls.map(
      (url): MessageDraft => ({
        key: `webhook:${event.id}:${url}`,
        channel: WEBHOOK_CHANNEL,
        kind: event.type,
        site: event.site,
        recipient: url,
        payload: {
          webhookId: `msg_${event.id}_${randomBytes(9).toString("base64url")}`,
          body,
        } satisfies WebhookPayload as unknown as Record<string, unknown>,
      }),
    );
  };
}
