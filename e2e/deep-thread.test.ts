// A reader who builds a reply chain 10,000 deep must not blank the page for everyone: the
// innocent comments render, the DOM nests no deeper than the display depth, and the page
// takes about as long as 10,000 replies to one comment.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importComments, thread } from "../scripts/seed-thread.mjs";
import { hostPage, shown } from "./comments-helpers.js";
import { launchBrowser } from "./harness/browser.js";
import { type RunningHost, startHost } from "./harness/host.js";
import { type RunningServer, startServer } from "./harness/server.js";

const DEPTH = 10_000;

let server: RunningServer;
let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  [server, host, browser] = await Promise.all([startServer(), startHost(), launchBrowser()]);
  await importComments(server.dbPath, [
    ...thread("/deep/", "before", 1, "roots"),
    ...thread("/deep/", "chain", DEPTH, "chain", 1),
    ...thread("/deep/", "after", 2, "flat", DEPTH + 1),
    ...thread("/flat/", "flat", DEPTH, "flat"),
  ]);
  for (const path of ["/deep/", "/flat/"]) host.set(path, hostPage(server.url));
}, 120_000);
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop(), server?.stop()]);
});

/** Opens `path` and waits for `articles` comments: the milliseconds from navigation start. */
async function open(path: string, articles: number): Promise<{ page: Page; ms: number }> {
  const page = await (await browser.newContext({ viewport: { width: 1000, height: 900 } })).newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${host.origin}${path}`);
  // The server's HTML of the thread: what a reader sees, before (and without) the app.
  await shown(page, 60_000);
  await page.waitForFunction(
    (n) => document.querySelector("#causette")!.shadowRoot!.querySelectorAll("article").length >= n,
    articles,
    { timeout: 60_000, polling: 50 },
  );
  const ms = await page.evaluate(() => performance.now());
  expect(errors).toEqual([]);
  return { page, ms };
}

describe(`a reply chain ${DEPTH.toLocaleString("en")} deep`, () => {
  it("renders with the comments around it, flat past the display depth, about as fast as as many flat replies", async () => {
    const flat = await open("/flat/", DEPTH);
    await flat.page.context().close();
    const { page, ms } = await open("/deep/", DEPTH + 3);
    console.log(
      `Chromium, navigation → comments in the DOM: ${DEPTH}-deep chain ${ms.toFixed(0)} ms, ${DEPTH} flat replies ${flat.ms.toFixed(0)} ms`,
    );
    for (const id of ["before0", "after0", "after1"])
      await expect(page.locator(`#comment-${id}`).isVisible()).resolves.toBe(true);
    const shape = await page.evaluate(() => {
      const root = document.querySelector("#causette")!.shadowRoot!;
      let deepest = 0;
      for (const article of root.querySelectorAll("article")) {
        let n = 0;
        for (let el: Element | null = article; el; el = el.parentElement?.closest("article") ?? null) n++;
        deepest = Math.max(deepest, n);
      }
      const last = root.querySelector(`#comment-chain${9_999}`)!;
      const link = [...last.querySelectorAll("a")].find((a) => a.textContent?.startsWith("in reply to"));
      return { deepest, replyTo: link?.textContent, href: link?.getAttribute("href") };
    });
    expect(shape).toEqual({ deepest: 3, replyTo: "in reply to chain 9998", href: "#comment-chain9998" });
    // The "in reply to" link leads to the comment answered.
    await page.locator("#comment-chain5000 a", { hasText: "in reply to chain 4999" }).click();
    expect(await page.evaluate(() => location.hash)).toBe("#comment-chain4999");
    // A generous bound: the figures are compared in bench/render.bench.mjs.
    expect(ms).toBeLessThan(flat.ms * 3 + 5_000);
    await page.context().close();
  }, 120_000);
});
