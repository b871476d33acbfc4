/** Who one client is, for rate limits and the login lockout (always hashed before use). */
import { isIP } from "node:net";
import type { Context } from "hono";
import { type ProxyTrust, peerAddress, socketPeer } from "./proxy.js";

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * The client's address: the socket peer, or — when that peer is a trusted proxy — the
 * right-most `X-Forwarded-For` hop that is not itself a trusted proxy. Hops further left
 * are whatever the client chose to send; the first untrusted one is what a proxy of ours saw.
 */
export function clientAddress(c: Context, proxies: ProxyTrust): string {
  let address = peerAddress(c);
  if (!proxies.trusts(address)) {
    const socket = socketPeer(c);
    if (socket && LOOPBACK.test(socket) && c.req.header("X-Forwarded-For") !== undefined)
      proxies.warnIgnored(socket);
    return address;
  }
  const hops = c.req.header("X-Forwarded-For")?.split(",") ?? [];
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!.trim();
    // Not an address (a proxy that writes `unknown`): the proxy to its right stands for it.
    if (!isIP(hop)) break;
    address = hop;
    if (!proxies.trusts(hop)) break;
  }
  return address;
}

/**
 * The part of an address that names one client: IPv4 as it is, IPv6 by its /64 — one home
 * or one server gets a /64, so a key per /128 would hand out 2^64 fresh budgets.
 *
 * @example clientKey("2001:db8:1:2:aaaa::1") // "2001:db8:1:2::/64"
 */
export function clientKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  return `${ipv6Groups(address).slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, in lowercase hex without leading zeros. */
function ipv6Groups(address: string): string[] {
  const bare = address.split("%")[0]!.toLowerCase();
  const [head = "", tail] = bare.split("::");
  const split = (part: string): string[] => {
    if (!part) return [];
    const groups = part.split(":");
    const last = groups.at(-1)!;
    if (last.includes(".")) {
      // An IPv4 tail (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) is two groups.
      const [a = 0, b = 0, c = 0, d = 0] = last.split(".").map(Number);
      groups.splice(-1, 1, ((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
    }
    return groups;
  };
  const front = split(head);
  const back = tail === undefined ? [] : split(tail);
  const zeros = Array<string>(8 - front.length - back.length).fill("0");
  return [...front, ...zeros, ...back].map((g) => Number.parseInt(g, 16).toString(16));
}
