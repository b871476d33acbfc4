import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ThreadCache } from "./thread-cache.js";

describe("ThreadCache", () => {
  it("answers only for the stored version", () => {
    const cache = new ThreadCache();
    cache.set("k", 3, '{"a":1}');
    expect(cache.get("k", 3)).toBe('{"a":1}');
    expect(cache.get("k", 4)).toBeNull();
    expect(cache.get("other", 3)).toBeNull();
  });

  it("splices the token in and rebuilds the variants each second", () => {
    const cache = new ThreadCache();
    const json = JSON.stringify({ comments: "x".repeat(5000) });
    cache.set("k", 1, json);
    const a = cache.body("k", json, "t1", 100, "gzip, br");
    expect(a.encoding).toBe("br");
    const g = cache.body("k", json, "t1", 100, "gzip");
    expect(JSON.parse(gunzipSync(g.bytes).toString())).toEqual({
      formToken: "t1",
      comments: "x".repeat(5000),
    });
    expect(cache.body("k", json, "t1", 100, "gzip")).toBe(g);
    const next = cache.body("k", json, "t2", 101, "gzip");
    expect(JSON.parse(gunzipSync(next.bytes).toString()).formToken).toBe("t2");
    const plain = cache.body("k", json, "t2", 101, "");
    expect(plain.encoding).toBeNull();
    expect(JSON.parse(Buffer.from(plain.bytes).toString()).formToken).toBe("t2");
  });

  it("keeps a fixed body's variants and strong ETag for the entry's life, one tag per encoding", () => {
    const cache = new ThreadCache();
    const html = `<section>${"<p>comment</p>".repeat(400)}</section>`;
    cache.set("h", 1, html);
    const br = cache.fixedBody("h", html, "gzip, br");
    expect(br.encoding).toBe("br");
    expect(cache.fixedBody("h", html, "br").bytes).toBe(br.bytes);
    const gz = cache.fixedBody("h", html, "gzip");
    expect(gunzipSync(gz.bytes).toString()).toBe(html);
    const plain = cache.fixedBody("h", html, "");
    expect(Buffer.from(plain.bytes).toString()).toBe(html);
    expect(plain.etag).toMatch(/^"[\w-]{22}"$/);
    expect(br.etag).toBe(`${plain.etag.slice(0, -1)}-br"`);
    expect(gz.etag).toBe(`${plain.etag.slice(0, -1)}-gzip"`);
    const changed = `${html}<p>one more</p>`;
    cache.set("h", 2, changed);
    expect(cache.fixedBody("h", changed, "").etag).not.toBe(plain.etag);
  });

  it("stays within its byte budget, dropping the least recently used threads", () => {
    const cache = new ThreadCache(100, 50_000);
    const json = JSON.stringify({ c: "y".repeat(20_000) });
    for (const k of ["a", "b", "c"]) cache.set(k, 1, json);
    expect(cache.bytes).toBeLessThanOrEqual(50_000);
    expect(cache.get("a", 1)).toBeNull();
    expect(cache.get("c", 1)).toBe(json);
    cache.body("c", json, "t", 1, "");
    expect(cache.bytes).toBeLessThanOrEqual(50_000);
  });

  it("remembers a page version only while trusted, until an event forgets it", () => {
    const cache = new ThreadCache();
    // Untrusted (SQLite, or the event feed down): every read asks the database.
    cache.rememberVersion("default", "/p/", 7, cache.epoch);
    expect(cache.knownVersion("default", "/p/")).toBeUndefined();
    cache.trustVersions(true);
    cache.rememberVersion("default", "/p/", 7, cache.epoch);
    expect(cache.knownVersion("default", "/p/")).toBe(7);
    cache.forget("default", "/p/");
    expect(cache.knownVersion("default", "/p/")).toBeUndefined();
    // A version read before an event arrived is stale: not remembered after it.
    const before = cache.epoch;
    cache.forget("default", "/p/");
    cache.rememberVersion("default", "/p/", 8, before);
    expect(cache.knownVersion("default", "/p/")).toBeUndefined();
    // The feed lost: nothing remembered holds.
    cache.rememberVersion("default", "/p/", 9, cache.epoch);
    cache.trustVersions(false);
    expect(cache.knownVersion("default", "/p/")).toBeUndefined();
  });
});
