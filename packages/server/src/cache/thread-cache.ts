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
  variants: Map<"br" | "gzip", Uint8Array>;
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

  /** The body with this second's token, compressed as the client accepts, cached for the second. */
  body(
    key: string,
    json: string,
    token: string,
    second: number,
    acceptEncoding: string,
  ): { body: string | Uint8Array; encoding: "br" | "gzip" | null } {
    const full = `{"formToken":${JSON.stringify(token)},${json.slice(1)}`;
    const encoding = pickEncoding(acceptEncoding);
    // Small bodies are not worth the CPU.
    if (!encoding || full.length < 1024) return { body: full, encoding: null };
    const entry = this.#entries.get(key);
    if (!entry || entry.json !== json) return { body: compress(full, encoding), encoding };
    if (entry.second !== second) {
      entry.second = second;
      entry.variants.clear();
    }
    let bytes = entry.variants.get(encoding);
    if (!bytes) {
      bytes = compress(full, encoding);
      entry.variants.set(encoding, bytes);
    }
    return { body: bytes, encoding };
  }
}

function pickEncoding(header: string): "br" | "gzip" | null {
  const h = header.toLowerCase();
  if (/\bbr\b/.test(h) && !/\bbr;q=0(\.0+)?\b/.test(h)) return "br";
  if (/\bgzip\b/.test(h) && !/\bgzip;q=0(\.0+)?\b/.test(h)) return "gzip";
  return null;
}

function compress(text: string, encoding: "br" | "gzip"): Uint8Array {
  const input = Buffer.from(text);
  return encoding === "br"
    ? brotliCompressSync(input, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: input.length },
      })
    : gzipSync(input, { level: 6 });
}
