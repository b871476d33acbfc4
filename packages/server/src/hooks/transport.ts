/**
 * @module hooks/transport
 * Sends one webhook delivery (an outbox message of channel "webhook"): a POST of the JSON
 * body the expander wrote, signed per Standard Webhooks with a fresh timestamp on each
 * attempt and the same `webhook-id`. A 2xx answer is delivered; anything else (another
 * status, a redirect — never followed —, a timeout, a refused address) throws, and the
 * outbox retries with back-off until the message is dead.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import type { OutboxMessage, SendOutcome, Transport } from "../outbox/outbox.js";
import { isPrivateAddress, PrivateAddressError, publicOnlyLookup } from "./address.js";
import { signWebhook } from "./sign.js";

export interface WebhookPayload {
  /** The Standard Webhooks message id, `msg_…`: the same on every attempt. */
  webhookId: string;
  /** The exact body sent (JSON text), fixed when the message was written. */
  body: string;
}

export interface WebhookTransportOptions {
  key: () => Promise<Buffer>;
  allowPrivate: boolean;
  /** Per attempt, connection to last byte (ms). */
  timeoutMs?: number;
  userAgent?: string;
  now?: () => number;
}

export const WEBHOOK_TIMEOUT_MS = 10_000;

export function webhookTransport(options: WebhookTransportOptions): Transport {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  return {
    // The site's own endpoints take every event: no per-recipient rate limit.
    unlimited: true,
    async send(message: OutboxMessage): Promise<SendOutcome> {
      const { webhookId, body } = message.payload as unknown as WebhookPayload;
      const url = new URL(message.recipient);
      const host = url.hostname.replace(/^\[|\]$/g, "");
      if (!options.allowPrivate && isIP(host) && isPrivateAddress(host))
        throw new PrivateAddressError(
          `${host} is a private address (set CAUSETTE_WEBHOOK_ALLOW_PRIVATE=1 to allow it)`,
        );
      const headers = {
        "Content-Type": "application/json",
        "User-Agent": options.userAgent ?? "Causette-Webhooks",
        ...signWebhook(await options.key(), webhookId, body, now()),
      };
      const status = await post(url, headers, body, timeoutMs, options.allowPrivate);
      if (status >= 200 && status < 300) return { status: "sent", info: `HTTP ${status}` };
      if (status >= 300 && status < 400) throw new Error(`HTTP ${status}: redirects are not followed`);
      throw new Error(`HTTP ${status}`);
    },
  };
}

function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  allowPrivate: boolean,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        ...(allowPrivate ? {} : { lookup: publicOnlyLookup as never }),
        agent: false,
      },
      (res: IncomingMessage) => {
        // The answer's body is not needed: read and dropped, at most 64 KiB of it.
        let seen = 0;
        res.on("data", (chunk: Buffer) => {
          seen += chunk.length;
          if (seen > 65_536) res.destroy();
        });
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("close", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve(res.statusCode ?? 0));
      },
    );
    const timer = setTimeout(
      () => req.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
    req.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.on("close", () => clearTimeout(timer));
    req.end(body);
  });
}
