/**
 * The admin's Deliveries view in Chromium: a webhook receiver that fails until told
 * otherwise, a delivery that dies after its attempts, and the owner who sees why and sends
 * it again with the keyboard. Axe-clean in light and dark.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axe, launchBrowser } from "./harness/browser.js";
import { type RunningServer, startServer } from "./harness/server.js";

const PASSWORD = "deliveries e2e passphrase";
let server: RunningServer;
let browser: Browser;
let receiver: Server;
let up = false;
const received: { id: string; status: number }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const status = up ? 204 : 503;
      received.push({ id: String(req.headers["webhook-id"]), status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  [server, browser] = await Promise.all([
    startServer({
      CAUSETTE_ADMIN_PASSWORD: PASSWORD,
      CAUSETTE_MODERATION: "none",
      CAUSETTE_WEBHOOK_URL: hook,
      CAUSETTE_WEBHOOK_ALLOW_PRIVATE: "1",
      CAUSETTE_OUTBOX_POLL_MS: "100",
      CAUSETTE_OUTBOX_RETRY_MS: "50",
      CAUSETTE_OUTBOX_MAX_ATTEMPTS: "2",
    }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.stop()]);
  await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
});

async function until(ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function deliveriesPage(colorScheme: "light" | "dark"): Promise<Page> {
  const ctx = await browser.newContext({
    bypassCSP: true,
    colorScheme,
    viewport: { width: 1100, height: 900 },
  });
  const page = await ctx.newPage();
  page.on("pageerror", (e) => {
    throw e;
  });
  await page.goto(`${server.url}/admin/#deliveries`);
  await page.getByLabel("Admin password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("heading", { level: 1, name: "Deliveries" }).waitFor();
  await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"));
  return page;
}

describe("the admin's deliveries", () => {
  it("shows a dead webhook delivery with its reason, and retries it from the keyboard", async () => {
    const res = await fetch(`${server.url}/api/comments`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ page: "/hooked/", author: { name: "Wren" }, body: "Ring the bell" }),
    });
    expect(res.status).toBe(201);
    // Two attempts, both answered 503: the delivery is dead.
    await until(() => received.length >= 2);
    const id = received[0]!.id;
    expect(received.map((r) => r.id)).toEqual([id, id]);

    const page = await deliveriesPage("light");
    await page.getByLabel("Status", { exact: true }).selectOption("dead");
    await page.getByRole("button", { name: "Filter" }).click();
    const row = page.locator("tr", { hasText: "comment.created" });
    await row.getByText("Dead: given up").waitFor();
    await row.getByText("HTTP 503").waitFor();
    expect(await row.getByRole("cell", { name: "2", exact: true }).count()).toBe(1);
    expect(await axe(page), "deliveries light").toEqual([]);

    up = true;
    const retry = row.getByRole("button", { name: /^Retry the Webhook to http:\/\/127\.0\.0\.1:\d+\/hook$/ });
    await retry.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "queued again" }).waitFor();
    await until(() => received.some((r) => r.status === 204));
    expect(received.at(-1)).toEqual({ id, status: 204 });

    await page.getByLabel("Status", { exact: true }).selectOption("sent");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.locator("tr", { hasText: "comment.created" }).getByText("Sent", { exact: true }).waitFor();
    expect(await page.getByRole("button", { name: /^Retry/ }).count()).toBe(0);
    await page.context().close();
  });

  it("is axe-clean in the dark scheme too", async () => {
    const page = await deliveriesPage("dark");
    await page.locator("table.deliveries").waitFor();
    expect(await axe(page), "deliveries dark").toEqual([]);
    await page.context().close();
  });
});
