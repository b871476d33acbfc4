/**
 * Each thread's serialized response, kept until the page's version changes (every write
 * bumps it, in the same transaction, so servers sharing one PostgreSQL agree). The JSON's
 * form token is spliced in per request and its compressed variants are redone once a
 * second, so the token is never frozen by the cache. The HTML fragment holds no token: its
 * variants and its ETag are built once per version (`fixedBody`).
 */
import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { acceptedEncoding } from "../encoding.js";

interface Entry {
  version: number;
  /** The response object as JSON, without `formToken`; starts with "{". Or the HTML fragment. */
  json: string;
  second: number;
  /** A fixed body's strong ETag, from its text. */
  etag?: string;
  variants: Map<"br" | "gzip" | "identity", Body>;
}

export class ThreadCache {
  readonly #entries = new Map<string, Entry>();

  #bytes = 0;
  readonly #versions = new Map<string, number>();
  #trusted = false;
  #epoch = 0;

  /** Bounded by entries and by bytes (JSON and compressed variants), least recently used first out. */
  constructor(
    readonly maxEntries = 2_000,
    readonly maxBytes = 24 * 1024 * 1024,
  ) {}

  #drop(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#bytes -= entry.json.length + sizeOf(entry);
    this.#entries.delete(key);
  }

  #trim(): void {
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#drop(key);
    }
  }

  get(key: string, version: number): string | null {
    const entry = this.#entries.get(key);
    if (!entry || entry.version !== version) return null;
    // Map order is insertion order: re-inserting keeps recently used threads last (LRU).
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.json;
  }

  set(key: string, version: number, json: string): void {
    this.#drop(key);
    this.#entries.set(key, { version, json, second: -1, variants: new Map() });
    this.#bytes += json.length;
    this.#trim();
  }

  /**
   * Whether a page version, once read, holds until an event of the page forgets it: true
   * while every server's events reach this one (PostgreSQL's event feed is listening), so
   * a busy thread costs no round trip per read. Off (the default, and while the feed is
   * down) every read asks the database; SQLite answers that in microseconds.
   */
  trustVersions(on: boolean): void {
    this.#trusted = on;
    this.#versions.clear();
    this.#epoch++;
  }

  /** Bumped by every `forget`: a version read before it must not be remembered after it. */
  get epoch(): number {
    return this.#epoch;
  }

  knownVersion(site: string, page: string): number | undefined {
    return this.#trusted ? this.#versions.get(`${site}\u0000${page}`) : undefined;
  }

  /** Remembers a version read when `epoch` was current, unless something was forgotten since. */
  rememberVersion(site: string, page: string, version: number, epoch: number): void {
    if (!this.#trusted || epoch !== this.#epoch) return;
    if (this.#versions.size >= this.maxEntries) this.#versions.clear();
    this.#versions.set(`${site}\u0000${page}`, version);
  }

  forget(site: string, page: string): void {
    this.#versions.delete(`${site}\u0000${page}`);
    this.#epoch++;
  }

  /** Bytes held (JSON text plus built variants), for tests and monitoring. */
  get bytes(): number {
    return this.#bytes;
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
    const encoding = acceptedEncoding(acceptEncoding);
    const entry = this.#entries.get(key);
    if (!entry || entry.json !== json) return build(withToken(json, token), encoding);
    if (entry.second !== second) {
      this.#bytes -= sizeOf(entry);
      entry.second = second;
      entry.variants.clear();
    }
    return this.#variant(entry, encoding, () => build(withToken(json, token), encoding));
  }

  /**
   * A body that stays as stored while its entry lives (the HTML fragment), compressed as
   * the client accepts, with a strong ETag of its text: each variant and the tag are built
   * once per version.
   */
  fixedBody(key: string, text: string, acceptEncoding: string): Body & { etag: string } {
    const encoding = acceptedEncoding(acceptEncoding);
    const entry = this.#entries.get(key);
    if (entry?.json !== text) return tagged(build(text, encoding), etagOf(text));
    if (entry.etag === undefined) entry.etag = etagOf(text);
    const tag = entry.etag;
    // Built and tagged once per variant: a hot fragment costs a map lookup per request.
    return this.#variant(entry, encoding, () => tagged(build(text, encoding), tag)) as Body & {
      etag: string;
    };
  }

  #variant(entry: Entry, encoding: "br" | "gzip" | null, make: () => Body): Body {
    const name = encoding ?? "identity";
    let body = entry.variants.get(name);
    if (!body) {
      body = make();
      entry.variants.set(name, body);
      this.#bytes += body.bytes.length;
      this.#trim();
    }
    return body;
  }
}

export interface Body {
  bytes: Uint8Array;
  encoding: "br" | "gzip" | null;
}

function withToken(json: string, token: string): string {
  return `{"formToken":${JSON.stringify(token)},${json.slice(1)}`;
}

function build(text: string, encoding: "br" | "gzip" | null): Body {
  const bytes = Buffer.from(text);
  // Small bodies are not worth the CPU.
  if (!encoding || bytes.length < 1024) return { bytes, encoding: null };
  return { bytes: compress(bytes, encoding), encoding };
}

/** One strong ETag per representation: the bytes differ with the encoding. */
function tagged(body: Body, tag: string): Body & { etag: string } {
  return { ...body, etag: body.encoding ? `${tag.slice(0, -1)}-${body.encoding}"` : tag };
}

/** A strong validator of the text. */
function etagOf(text: string): string {
  return `"${createHash("sha256").update(text).digest("base64url").slice(0, 22)}"`;
}

function sizeOf(entry: Entry): number {
  let n = 0;
  for (const v of entry.variants.values()) n += v.bytes.length;
  return n;
}

function compress(input: Buffer, encoding: "br" | "gzip"): Uint8Array {
  return encoding === "br"
    ? brotliCompressSync(input, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_SIZE_HINT]: input.length,
          // A window just big enough for the body: same ratio, far less memory than the 4 MiB default.
          [constants.BROTLI_PARAM_LGWIN]: Math.max(16, Math.min(24, Math.ceil(Math.log2(input.length + 1)))),
        },
      })
    : gzipSync(input, { level: 6 });
}
