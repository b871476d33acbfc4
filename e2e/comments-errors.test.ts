import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostPage, ready } from "./comments-helpers.js";
import { launchBrowser } from "./harness/browser.js";
import { type RunningHost, startHost } from "./harness/host.js";
import { type RunningServer, startServer } from "./harness/server.js";

let host: RunningHost;
let browser: Browser;
const servers: RunningServer[] = [];

beforeAll(async () => {
  [host, browser] = await Promise.all([startHost(), launchBrowser()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop(), ...servers.map((s) => s.stop())]);
});

async function serve(env: Record<string, string> = {}): Promise<RunningServer> {
  const s = await startServer(env);
  servers.push(s);
  return s;
}

async function open(server: RunningServer, path: string, page?: Page): Promise<Page> {
  host.set(path, hostPage(server.url));
  const p = page ?? (await (await browser.newContext()).newPage());
  await p.goto(`${host.origin}${path}`);
  await ready(p);
  return p;
}

const body = (p: Page) => p.getByRole("textbox", { name: "Comment", exact: true }).first();
const name = (p: Page) => p.getByRole("textbox", { name: "Name", exact: true }).first();
const post = (p: Page) => p.getByRole("button", { name: "Post comment" }).click();

describe("errors, in words, and the reader's text never lost", () => {
  it("shows field errors next to their fields, and focuses the first", async () => {
    const server = await serve();
    const page = await open(server, "/fields/");
    await page.getByRole("textbox", { name: "E-mail" }).fill("ana at example");
    await page.getByRole("textbox", { name: "Website" }).fill("javascript:alert(1)");
    await post(page);
    const comment = body(page);
    await expect(comment.getAttribute("aria-invalid")).resolves.toBe("true");
    // The error is tied to the field (aria-describedby), so screen readers say it with it.
    const described = await comment.getAttribute("aria-describedby");
    const errorId = described!.split(" ").find((id) => id.endsWith("-e"))!;
    expect(await page.locator(`#causette #${errorId}`).textContent()).toBe("Please fill in this field.");
    expect(
      await page.evaluate(() => document.querySelector("#causette")!.shadowRoot!.activeElement?.id),
    ).toBe("new-body");
    expect(await page.locator("#causette #new-name-e").textContent()).toBe("Please fill in this field.");
    expect(await page.locator("#causette #new-email-e").textContent()).toMatch(/valid e-mail/);
    // Not a web address: the server drops it rather than refuse the comment, so the form does too.
    expect(await page.locator("#causette #new-website-e").count()).toBe(0);
    await body(page).fill("x".repeat(10_001));
    await name(page).fill("Long");
    await page.getByRole("textbox", { name: "E-mail" }).fill("");
    await post(page);
    expect(await page.locator("#causette #new-body-e").textContent()).toBe(
      "Too long: 10000 characters at most.",
    );
    await page.context().close();
  });

  it("keeps a draft in sessionStorage across a reload, until it is posted", async () => {
    const server = await serve();
    const page = await open(server, "/draft/");
    await body(page).fill("Half-written thoughts");
    await name(page).fill("Dora");
    await page.reload();
    await ready(page);
    expect(await body(page).inputValue()).toBe("Half-written thoughts");
    expect(await name(page).inputValue()).toBe("Dora");
    await post(page);
    await page.getByRole("article", { name: "Dora" }).waitFor();
    expect(await body(page).inputValue()).toBe("");
    await page.reload();
    await ready(page);
    expect(await body(page).inputValue()).toBe("");
    await page.context().close();
  });

  it("says when to retry after a 429, and keeps the text", async () => {
    const server = await serve({ CAUSETTE_RATE_LIMIT: "1" });
    const page = await open(server, "/busy/");
    await body(page).fill("First");
    await name(page).fill("Rita");
    await post(page);
    await page.getByRole("article", { name: "Rita" }).waitFor();
    await body(page).fill("Second, too soon");
    await post(page);
    const alert = page.locator("#causette form [role=alert]");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /^Too many messages in a short time\. Try again in \d+ (seconds|minute)/,
    );
    expect(await body(page).inputValue()).toBe("Second, too soon");
    await page.context().close();
  });

  it("says the server cannot be reached, and keeps the text", async () => {
    const server = await serve();
    const page = await open(server, "/offline/");
    await server.stop();
    await body(page).fill("Written while the server is down");
    await name(page).fill("Otto");
    await post(page);
    const alert = page.locator("#causette form [role=alert]");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Could not reach/);
    expect(await body(page).inputValue()).toBe("Written while the server is down");
    await page.context().close();
  });

  it("shows a held comment to its author only, marked as awaiting moderation", async () => {
    const server = await serve({ CAUSETTE_MODERATION: "all" });
    const page = await open(server, "/held/");
    await body(page).fill("Please approve me");
    await name(page).fill("Hal");
    await post(page);
    const mine = page.getByRole("article", { name: "Hal" });
    await mine.waitFor();
    expect(await mine.getByText("Awaiting moderation").isVisible()).toBe(true);
    expect(
      await page
        .getByRole("status")
        .filter({ hasText: /once approved/ })
        .textContent(),
    ).toMatch(/once approved/);
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("No comments yet");
    await page.reload();
    await ready(page);
    await mine.waitFor();
    expect(await mine.getByText("Awaiting moderation").isVisible()).toBe(true);
    // Another reader does not see it.
    const other = await open(server, "/held/");
    expect(await other.locator("#causette article").count()).toBe(0);
    await Promise.all([page.context().close(), other.context().close()]);
  });
});
