/**
 * Request bodies: refused over 64 KiB before parsing (413, and the connection closed), JSON
 * only (415; shares also take `text/plain`, what `navigator.sendBeacon` sends), malformed
 * JSON → 400 `invalid_json`.
 */
import { LIMITS } from "@causette/types";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { fail } from "../errors.js";

export function limitBody(maxSize: number = LIMITS.requestBytesMax): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw fail("too_large", `The request is over ${Math.round(maxSize / 1024)} KiB.`);
    },
  });
}

/**
 * Answers every 413 with `Connection: close`. The refused body is left unread, so the
 * connection cannot carry another request: without the header a keep-alive client sends its
 * next request on a socket the server is dropping, and that request fails (EPIPE).
 */
export function closeAfterTooLarge(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.status === 413) c.res.headers.set("Connection", "close");
  };
}

/** Parses the JSON object of a request; `allowText` also accepts `text/plain` bodies. */
export async function readJson(c: Context, allowText = false): Promise<Record<string, unknown>> {
  const type = (c.req.header("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  const json = type === "application/json" || type.endsWith("+json");
  if (!json && !(allowText && type === "text/plain"))
    throw fail(
      "unsupported_media_type",
      allowText
        ? "Send JSON (application/json or text/plain)."
        : "Send JSON with Content-Type: application/json.",
    );
  const text = await c.req.text();
  if (!text.trim()) throw fail("invalid_json", "The request body is empty.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw fail("invalid_json", "The request body is not valid JSON.");
  }
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw fail("invalid_json", "The request body must be a JSON object.");
  return value as Record<string, unknown>;
}
