import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./harness/browser.js";
import { blogPage, type RunningHost, startHost } from "./harness/host.js";
import { type RunningServer, startServer } from "./harness/server.js";

let server: RunningServer;
let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  [server, host, browser] = await Promise.all([startServer(), startHost(), launchBrowser()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop(), server?.stop()]);
});

describe("the script tag on a page of another origin", () => {
  it("loads embed.js from the server and mounts into the container's shadow root", async () => {
    host.set("/post/", blogPage({ server: server.url }));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${host.origin}/post/`);
    await page.waitForFunction(() => document.querySelector("#causette")?.shadowRoot?.childElementCount);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("asks for the thread's JSON while the app downloads, at the reader's intent, and the app takes that answer (one request)", async () => {
    const body =
      '<link rel="canonical" href="https://blog.example/2016/08/post/index.html"><div id="causette"></div>';
    host.set("/preload/", blogPage({ server: server.url, body, scriptAttrs: 'data-sort="newest"' }));
    const page = await browser.newPage();
    const warnings: string[] = [];
    page.on("console", (m) => {
      if (/preload/i.test(m.text())) warnings.push(m.text());
    });
    const threads: string[] = [];
    page.on("request", (r) => {
      if (/\/api\/comments(\.html)?\?/.test(r.url())) threads.push(r.url());
    });
    await page.goto(`${host.origin}/preload/`);
    const heading = page.getByRole("heading", { name: /comment/i }).first();
    await heading.waitFor();
    await page.waitForLoadState("networkidle");
    // Read: the server's HTML only.
    expect(threads).toEqual([
      `${server.url}/api/comments.html?site=default&page=%2F2016%2F08%2Fpost%2F&sort=newest&lang=en`,
    ]);
    await heading.hover();
    await page.locator("#causette [data-live]").waitFor({ state: "attached" });
    await page.waitForLoadState("networkidle");
    expect(threads.slice(1)).toEqual([
      `${server.url}/api/comments?site=default&page=%2F2016%2F08%2Fpost%2F&sort=newest`,
    ]);
    expect(warnings).toEqual([]);
    await page.close();
  });

  it("shows the thread as the container nears the viewport (at once for a permalink), and loads the app only on an intent, never on scroll", async () => {
    const tall = '<div style="height: 5000px">A long article.</div><div id="causette"></div>';
    // Passages off: with them on, the thread's HTML is asked for at once (it carries the
    // passages to mark in the article: docs/passages.md), checked last.
    const off = 'data-passages="off"';
    host.set("/long/", blogPage({ server: server.url, body: tall, scriptAttrs: off }));
    host.set("/passages/", blogPage({ server: server.url, body: tall }));
    host.set("/none/", blogPage({ server: server.url, body: "<p>No comments here.</p>", scriptAttrs: off }));
    const page = await browser.newPage();
    const fetched = (end: string) => () =>
      page.evaluate((end) => performance.getEntriesByType("resource").some((r) => r.name.includes(end)), end);
    const thread = fetched("/api/comments.html?");
    const app = fetched("/comments.js");
    await page.goto(`${host.origin}/none/`);
    await page.waitForLoadState("networkidle");
    expect(await thread()).toBe(false);
    await page.goto(`${host.origin}/long/`);
    await page.waitForLoadState("networkidle");
    expect(await thread()).toBe(false);
    await page.evaluate(() => window.scrollTo(0, 4300));
    await expect.poll(thread).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 6000));
    await page.waitForTimeout(1_000);
    expect(await app()).toBe(false);
    await page.locator("#causette h2").hover();
    await expect.poll(app).toBe(true);
    await page.goto(`${host.origin}/long/?again#comment-anything`);
    await expect.poll(thread).toBe(true);
    await page.goto(`${host.origin}/passages/`);
    await expect.poll(thread).toBe(true);
    expect(await page.evaluate(() => scrollY)).toBe(0);
    expect(await app()).toBe(false);
    await page.close();
  });
});
