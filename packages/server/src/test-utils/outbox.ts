/** An outbox message of the webhook channel, as the sender hands it to the transport. */
import type { OutboxMessage } from "../outbox/outbox.js";

export function webhookMessage(recipient: string, webhookId = "msg_1", body = "{}"): OutboxMessage {
  return {
    id: 1,
    key: webhookId,
    channel: "webhook",
    kind: "comment.created",
    site: "default",
    recipient,
    groupKey: null,
    payload: { webhookId, body },
    eventId: 1,
    status: "queued",
    attempts: 0,
    dueAt: "",
    lastError: null,
    createdAt: "",
    updatedAt: "",
    sentAt: null,
  };
}
