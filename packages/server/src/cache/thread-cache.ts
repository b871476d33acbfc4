/**
 * Each thread's serialized response, kept until the page's version changes (every write
 * bumps it, in the same transaction, so servers sharing one PostgreSQL agree). The form
 * token is spliced in per request and the compressed variants are redone once a second,
 * so the token is never frozen by the cache.
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

interface Entry {
  version: number;
  /** The response object as JSON, without `formToken`; starts with "{". */
  json: string;
  second: number;
  variants: Map<"br" | "gzip" | "identity", Body>;
}

export class ThreadCache {
  readonly #entries = new Map<string, Entry>();

  constructor(readonly maxEntries = 2_000) {}

  get(key: string, version: number): string | null {
    const entry = this.#entries.get(key);
    if (!entry || entry.version !== version) return null;
    // Map order is insertion order: re-inserting keeps recently used threads last (LRU).
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.json;
  }

  set(key: string, version: number, json: string): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { version, json, second: -1, variants: new Map() });
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * The body with this second's token, compressed as the client accepts. Every variant
   * (identity included) is built once per second per thread, so a hot thread costs one
   * map lookup per request, not a 100 KB string copy.
   */
  body(key: string, json: string, token: string, second: number, acceptEncoding: string): Body {
    const encoding = pickEncoding(acceptEncoding);
    const entry = this.#entries.get(key);
    if (!entry || entry.json !== json) return build(json, token, encoding);
    if (entry.second !== second) {
      entry.second = second;
      entry.variants.clear();
    }
    const name = encoding ?? "identity";
    let body = entry.variants.get(name);
    if (!body) {
      body = build(json, token, encoding);
      entry.variants.set(name, body);
    }
    return body;
  }
}

export interface Body {
  bytes: Uint8Array;
  encoding: "br" | "gzip" | null;
}

function build(json: string, token: string, encoding: "br" | "gzip" | null): Body {
  const bytes = Buffer.from(`{"formToken":${JSON.stringify(token)},${json.slice(1)}`);
  // Small bodies are not worth the CPU.
  if (!encoding || bytes.length < 1024) return { bytes, encoding: null };
  return { bytes: compress(bytes, encoding), encoding };
}

function pickEncoding(header: string): "br" | "gzip" | null {
  const h = header.toLowerCase();
  if (/\bbr\b/.test(h) && !/\bbr;q=0(\.0+)?\b/.test(h)) return "br";
  if (/\bgzip\b/.test(h) && !/\bgzip;q=0(\.0+)?\b/.test(h)) return "gzip";
  return null;
}

function compress(input: Buffer, encoding: "br" | "gzip"): Uint8Array {
  return encoding === "br"
    ? brotliCompressSync(input, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: input.length },
      })
    : gzipSync(input, { level: 6 });
}
