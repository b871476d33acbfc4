/** The client's address, for rate limits only (always hashed before use). */
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * The address of the socket's peer, or — when that peer is a reverse proxy on the same
 * machine (loopback) or `CAUSETTE_TRUST_PROXY` is on — the last address in
 * `X-Forwarded-For`, the one the proxy itself saw (the earlier ones are the client's word).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  let peer: string;
  try {
    peer = getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // In-process requests (tests, app.request) have no socket.
    peer = "local";
  }
  if (trustProxy || peer === "local" || LOOPBACK.test(peer)) {
    const hops = c.req.header("X-Forwarded-For")?.split(",");
    const last = hops?.at(-1)?.trim();
    if (last) return last;
  }
  return peer;
}
