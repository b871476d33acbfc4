import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { loadAssets } from "./static.js";

describe("static widget files", () => {
  it("serves embed.js with its type, an ETag and a 304 on revalidation", async () => {
    const dir = await mkdtemp(join(tmpdir(), "causette-assets-"));
    await writeFile(join(dir, "embed.js"), "console.log(1)");
    const app = createApp({ assets: await loadAssets(dir) });
    const res = await app.request("/embed.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
    const etag = res.headers.get("etag");
    expect(etag).toBeTruthy();
    const again = await app.request("/embed.js", { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
    expect((await app.request("/nope.js")).status).toBe(404);
  });
});
