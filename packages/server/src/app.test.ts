import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { loadConfig } from "./config.js";
import { loadAssets } from "./static.js";
import { json } from "./test-utils/app.js";
import { sqliteStore, type TestStore } from "./test-utils/stores.js";

let t: TestStore;
beforeAll(async () => {
  t = await sqliteStore();
});
afterAll(async () => t.cleanup());

describe("static widget files", () => {
  it("serves embed.js with its type, an ETag and a 304 on revalidation", async () => {
    const dir = await mkdtemp(join(tmpdir(), "causette-assets-"));
    await writeFile(join(dir, "embed.js"), "console.log(1)");
    const app = createApp({ store: t.store, config: loadConfig({}), assets: await loadAssets(dir) });
    const res = await app.request("/embed.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
    const etag = res.headers.get("etag");
    expect(etag).toBeTruthy();
    const again = await app.request("/embed.js", { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
    expect((await app.request("/nope.js")).status).toBe(404);
  });

  it("sends the widget compressed once at load, as the client accepts, with one ETag per encoding", async () => {
    const dir = await mkdtemp(join(tmpdir(), "causette-assets-"));
    const code = `export const words = ${JSON.stringify("a comment widget ".repeat(200))};`;
    await writeFile(join(dir, "comments.js"), code);
    await writeFile(join(dir, "tiny.js"), "1");
    const app = createApp({ store: t.store, config: loadConfig({}), assets: await loadAssets(dir) });
    const get = (encoding?: string) =>
      app.request("/comments.js", { headers: encoding === undefined ? {} : { "Accept-Encoding": encoding } });
    const br = await get("gzip, deflate, br, zstd");
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("vary")).toBe("Accept-Encoding");
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(code.length / 10);
    expect(brotliDecompressSync(brBytes).toString()).toBe(code);
    const gz = await get("gzip");
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(code);
    const plain = await get();
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe(code);
    expect((await get("br;q=0, gzip")).headers.get("content-encoding")).toBe("gzip");
    const tags = [br, gz, plain].map((r) => r.headers.get("etag"));
    expect(new Set(tags).size).toBe(3);
    expect(
      (await app.request("/comments.js", { headers: { "Accept-Encoding": "br", "If-None-Match": tags[0]! } }))
        .status,
    ).toBe(304);
    expect((await app.request("/comments.js", { headers: { "If-None-Match": tags[0]! } })).status).toBe(200);
    // Too small to gain anything: sent as it is.
    expect(
      (await app.request("/tiny.js", { headers: { "Accept-Encoding": "br" } })).headers.get(
        "content-encoding",
      ),
    ).toBeNull();
  });

  it("serves a static folder after the API, with index.html and no way out of it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "causette-site-"));
    await writeFile(join(dir, "index.html"), "<h1>blog</h1>");
    const app = createApp({ store: t.store, config: loadConfig({}), staticDirs: [dir] });
    const res = await app.request("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toBe("<h1>blog</h1>");
    expect((await app.request("/../../etc/passwd")).status).toBe(404);
    expect((await app.request("/%2e%2e/%2e%2e/etc/passwd")).status).toBe(404);
    expect((await app.request("/healthz")).status).toBe(200);
  });
});

describe("health", () => {
  it("answers 200 while the database answers and 503 once it is gone", async () => {
    const own = await sqliteStore();
    const app = createApp({ store: own.store, config: loadConfig({}) });
    expect(await json(await app.request("/healthz"))).toEqual({ ok: true, database: "ok" });
    await own.cleanup();
    const res = await app.request("/healthz");
    expect(res.status).toBe(503);
    expect(await json(res)).toEqual({ ok: false, database: "unavailable" });
  });
});
