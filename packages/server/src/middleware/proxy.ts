/**
 * Which peers are reverse proxies (`CAUSETTE_TRUST_PROXY`), and what that decides: the
 * `X-Forwarded-*` headers of a request count only when its socket peer is one of them.
 * One decision for the client address, CORS, the admin's origin check and the cookie's
 * `Secure` flag.
 */
import { BlockList, isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

type Family = "ipv4" | "ipv6";

/** Names a setting may use instead of addresses. */
const NAMED_RANGES: Record<string, [string, number, Family][]> = {
  loopback: [
    ["127.0.0.0", 8, "ipv4"],
    ["::1", 128, "ipv6"],
  ],
  // RFC 1918 and RFC 4193: where a load balancer of one's own network lives.
  private: [
    ["10.0.0.0", 8, "ipv4"],
    ["172.16.0.0", 12, "ipv4"],
    ["192.168.0.0", 16, "ipv4"],
    ["fc00::", 7, "ipv6"],
  ],
};

const OFF = new Set(["", "0", "false", "no", "off", "none"]);
// Before the list form, `1` meant "a proxy, maybe on another machine": kept working as the
// two places such a proxy lives, never as "anyone on the Internet".
const LEGACY_ON = new Set(["1", "true", "yes", "on"]);

const family = (address: string): Family | null =>
  isIP(address) === 4 ? "ipv4" : isIP(address) === 6 ? "ipv6" : null;

/**
 * Parses `CAUSETTE_TRUST_PROXY`: comma-separated `loopback`, `private`, addresses and CIDR
 * ranges; `1`/`true` (older form) = `loopback,private`; empty or `0` = no proxy.
 * Throws an `Error` naming the entry that is none of these.
 *
 * @example parseTrustProxy("loopback, 10.0.0.0/8") // ["loopback", "10.0.0.0/8"]
 */
export function parseTrustProxy(raw: string | undefined): string[] {
  const text = (raw ?? "").trim().toLowerCase();
  if (OFF.has(text)) return [];
  if (LEGACY_ON.has(text)) return ["loopback", "private"];
  const entries = text
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) addEntry(new BlockList(), entry);
  return entries;
}

function addEntry(list: BlockList, entry: string): void {
  const named = NAMED_RANGES[entry];
  if (named) {
    for (const [net, prefix, fam] of named) list.addSubnet(net, prefix, fam);
    return;
  }
  const [address = "", prefixText, extra] = entry.split("/");
  const fam = family(address);
  const max = fam === "ipv4" ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!fam || extra !== undefined || !/^\d{1,3}$/.test(prefixText ?? "0") || prefix > max)
    throw new Error(`"${entry}" is not loopback, private, an IP address or a CIDR range like 10.0.0.0/8.`);
  list.addSubnet(address, prefix, fam);
}

/** The proxies a server trusts, compiled once from the configured entries. */
export class ProxyTrust {
  readonly #list = new BlockList();
  readonly none: boolean;
  #warned = false;

  constructor(entries: readonly string[]) {
    for (const entry of entries) addEntry(this.#list, entry);
    this.none = entries.length === 0;
  }

  /** True when `address` is one of the configured proxies. */
  trusts(address: string): boolean {
    if (this.none) return false;
    const fam = family(address);
    return fam !== null && this.#list.check(address, fam);
  }

  /**
   * Says once on standard error that a local peer sent `X-Forwarded-For` and it was ignored:
   * behind nginx on the same machine, forgetting `CAUSETTE_TRUST_PROXY=loopback` makes every
   * reader one client, which nothing else would show.
   */
  warnIgnored(peer: string): void {
    if (this.#warned) return;
    this.#warned = true;
    process.stderr.write(
      `${JSON.stringify({
        level: "warn",
        msg: `X-Forwarded-For from ${peer} ignored: if a proxy on this machine sends it, set CAUSETTE_TRUST_PROXY=loopback`,
      })}\n`,
    );
  }
}

/** The socket peer's address; null for an in-process request (`app.request`, tests). */
export function socketPeer(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

/** The socket peer; an in-process request comes from this machine. */
export function peerAddress(c: Context): string {
  return socketPeer(c) ?? "127.0.0.1";
}

/**
 * What `serverOrigin` reads of a request: a Hono context's (`requestView`), or node:http's
 * straight (fast-read.ts, the cached thread reads answered before Hono).
 */
export interface RequestView {
  /** The request's absolute URL. */
  url: string;
  header(name: string): string | undefined;
  /** The socket peer; "127.0.0.1" for an in-process request. */
  peer(): string;
}

export function requestView(c: Context): RequestView {
  return { url: c.req.url, header: (name) => c.req.header(name), peer: () => peerAddress(c) };
}

/** The first value of an `X-Forwarded-*` header, lowercased, when a trusted proxy sent it. */
function forwarded(req: RequestView, proxies: ProxyTrust, name: string): string | undefined {
  if (proxies.none || !proxies.trusts(req.peer())) return undefined;
  return req.header(name)?.split(",")[0]?.trim().toLowerCase() || undefined;
}

/**
 * The origin the browser sees for this server: `CAUSETTE_PUBLIC_URL` when set, else what a
 * trusted proxy says (`X-Forwarded-Proto`, `X-Forwarded-Host`), else the request's own URL.
 *
 * @example serverOrigin(c, null, new ProxyTrust(["loopback"])) // "https://comments.example.com"
 */
export function serverOrigin(
  c: Context | RequestView,
  publicOrigin: string | null,
  proxies: ProxyTrust,
): string {
  if (publicOrigin) return publicOrigin;
  const req = "req" in c ? requestView(c) : c;
  const url = new URL(req.url);
  const proto = forwarded(req, proxies, "X-Forwarded-Proto");
  const scheme = proto === "https" || proto === "http" ? `${proto}:` : url.protocol;
  const host = forwarded(req, proxies, "X-Forwarded-Host") ?? url.host;
  return `${scheme}//${host}`.toLowerCase();
}
