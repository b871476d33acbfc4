import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { adminLogin, json, post, type TestApp, testApp } from "../test-utils/app.js";
import { exportText } from "../test-utils/import-fixtures.js";
import { exportFileName } from "./admin-export.js";

const PASSWORD = "correct horse battery staple";
let t: TestApp;
let cookie: string;

describe("GET /api/admin/export", () => {
  beforeEach(async () => {
    t = await testApp({ adminPassword: PASSWORD });
    cookie = await adminLogin(t, PASSWORD);
  });
  afterEach(() => t.cleanup());

  it("downloads the site's export, the same bytes as causette export", async () => {
    for (let i = 0; i < 3; i++) expect((await t.call("POST", "/api/comments", post("/a/"))).status).toBe(201);
    expect((await t.call("POST", "/api/comments", post("/b/", { site: "other" }))).status).toBe(201);
    const res = await t.call("GET", "/api/admin/export", undefined, { Cookie: cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="${exportFileName("default")}"`,
    );
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const text = await res.text();
    expect(text).toBe(await exportText(t.store, "default"));
    expect(JSON.parse(text).comments).toHaveLength(3);

    const other = await t.call("GET", "/api/admin/export?site=other", undefined, { Cookie: cookie });
    expect(JSON.parse(await other.text()).comments).toHaveLength(1);
  });

  it("names the file after the site and the day, with only safe characters", () => {
    const day = new Date("2026-11-28T12:00:00Z");
    expect(exportFileName("default", day)).toBe("causette-default-2026-11-28.json");
    expect(exportFileName('a"b/../c d', day)).toBe("causette-a_b_.._c_d-2026-11-28.json");
  });

  it("answers 401 without a session and 400 for a site name over the limit", async () => {
    const res = await t.call("GET", "/api/admin/export");
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe("unauthorized");
    const bad = await t.call("GET", `/api/admin/export?site=${"x".repeat(500)}`, undefined, {
      Cookie: cookie,
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.field).toBe("site");
  });

  /** The export files left in the temporary folder. */
  const leftovers = async () =>
    (await readdir(tmpdir())).filter((name) => name.startsWith("causette-export-")).length;

  it("answers HEAD with the headers only, exporting nothing", async () => {
    const before = await leftovers();
    const res = await t.call("HEAD", "/api/admin/export", undefined, { Cookie: cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="causette-default-/);
    expect(await res.text()).toBe("");
    expect(await leftovers()).toBe(before);
  });

  it("removes its temporary file once downloaded, or when the download is cancelled", async () => {
    const long = "A comment long enough to make the export span several reads of the file. ".repeat(40);
    for (let i = 0; i < 60; i++)
      expect((await t.call("POST", "/api/comments", post("/a/", { body: `${long} ${i}` }))).status).toBe(201);
    const before = await leftovers();

    const whole = await t.call("GET", "/api/admin/export", undefined, { Cookie: cookie });
    expect(JSON.parse(await whole.text()).comments).toHaveLength(60);
    expect(await leftovers()).toBe(before);

    const res = await t.call("GET", "/api/admin/export", undefined, { Cookie: cookie });
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    // One read of the file at a time, on demand: the first is not the whole export.
    expect(first.value!.length).toBeLessThanOrEqual(64 * 1024);
    expect(await leftovers()).toBe(before + 1);
    await reader.cancel();
    await expect.poll(leftovers).toBe(before);
    // The server goes on answering, writes included.
    expect((await t.call("POST", "/api/comments", post("/a/"))).status).toBe(201);
  });
});
