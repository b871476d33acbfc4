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
});
