/**
 * The admin page shows the passage a comment was made on (issue #17) above its text: the
 * words marked, their context dimmed — as text, whatever the passage holds — and axe clean.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { axe, launchBrowser } from "./harness/browser.js";
import { type RunningServer, startServer } from "./harness/server.js";

const PASSWORD = "a long admin passphrase";
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({ CAUSETTE_ADMIN_PASSWORD: PASSWORD, CAUSETTE_MODERATION: "all" }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.stop()]);
});

it("shows the passage above an anchored comment, as text", async () => {
  const anchor = { exact: "<b>never</b> the problem", prefix: "The list was ", suffix: ". Wanting" };
  const res = await fetch(`${server.url}/api/comments`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ page: "/lists/", author: { name: "Ana" }, body: "So true.", anchor }),
  });
  expect(res.status).toBe(201);
  const ctx = await browser.newContext({ bypassCSP: true });
  const page = await ctx.newPage();
  await page.goto(`${server.url}/admin/`);
  await page.getByLabel("Admin password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  const card = page.getByRole("article", { name: "Ana" });
  await card.waitFor();
  const passage = card.locator("figure.passage");
  expect(await passage.locator("figcaption").textContent()).toBe("On the passage");
  expect(await passage.locator("mark").textContent()).toBe(anchor.exact);
  expect(await passage.locator("mark b").count()).toBe(0);
  expect(await passage.locator("blockquote").textContent()).toBe(
    `…${anchor.prefix}${anchor.exact}${anchor.suffix}…`,
  );
  const found = await axe(page, "figure.passage");
  expect(found, JSON.stringify(found, null, 1)).toEqual([]);
  await ctx.close();
});
