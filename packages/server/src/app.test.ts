import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
    expect(await json(await app.request("/healthz"))).toEqual({ ok: true });
    await own.cleanup();
    const res = await app.request("/healthz");
    expect(res.status).toBe(503);
  });
});
