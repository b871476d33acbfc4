/**
 * @module hooks/sign
 * Standard Webhooks signatures: `webhook-signature: v1,<base64 HMAC-SHA256>` of
 * `${webhook-id}.${webhook-timestamp}.${body}`, keyed by the secret's bytes (the base64 after
 * `whsec_`). The id names the message and stays the same on every retry (receivers dedupe
 * by it); the timestamp (whole seconds) is the attempt's, so receivers can refuse replays.
 */
import { createHmac } from "node:crypto";

export interface SignedHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

export function signWebhook(key: Buffer, id: string, body: string, nowMs: number): SignedHeaders {
  const timestamp = String(Math.floor(nowMs / 1000));
  const mac = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": `v1,${mac}` };
}
