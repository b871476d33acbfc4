/**
 * Threads that survive a URL change, as a reader and the site owner see them in Chromium:
 * a page whose id moved shows the old thread, the admin's Pages view moves and undoes, and a
 * WordPress site with plain permalinks (`/?p=123`) gets one thread per post.
 */
import { spawnSync } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI } from "../scripts/built-server.mjs";
import { ready, seed } from "./comments-helpers.js";
import { launchBrowser } from "./harness/browser.js";
import { blogPage, type RunningHost, startHost } from "./harness/host.js";
import { type RunningServer, startServer } from "./harness/server.js";

const PASSWORD = "a passphrase to move threads";
let server: RunningServer;
let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  [server, host, browser] = await Promise.all([
    startServer({ CAUSETTE_ADMIN_PASSWORD: PASSWORD, CAUSETTE_MODERATION: "none" }),
    startHost(),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop(), server?.stop()]);
});

/** A reader's tab on the host at `url`, once the thread is shown. */
async function read(url: string): Promise<Page> {
  const page = await browser.newPage();
  page.on("pageerror", (e) => {
    throw e;
  });
  await page.goto(`${host.origin}${url}`);
  await ready(page);
  return page;
}

const shows = (page: Page, text: string) => page.locator("#causette").getByText(text).waitFor();
const count = (page: Page) => page.locator("#causette section h2").first().textContent();

describe("page moves", { timeout: 120_000 }, () => {
  it("shows a moved thread on the new address and on old links, counts included", async () => {
    await seed(server.url, "/2016/08/arreter/", [{ body: "Bravo pour cet article" }, { body: "Merci !" }]);
    const moved = spawnSync(
      process.execPath,
      [CLI, "pages", "move", "/2016/08/arreter/", "/arreter-de-fumer/", "--db", server.dbPath],
      { encoding: "utf8", env: { ...process.env, DATABASE_URL: "" } },
    );
    expect(moved.status, moved.stderr).toBe(0);
    // The running server notices another process's move within a second.
    await new Promise((r) => setTimeout(r, 1100));

    const page = {
      server: server.url,
      body: '<div id="causette"></div><span data-causette-count data-page-id="/2016/08/arreter/"></span>',
    };
    host.set("/arreter-de-fumer/", blogPage(page));
    host.set("/2016/08/arreter/", blogPage(page));
    for (const url of ["/arreter-de-fumer/", "/2016/08/arreter/"]) {
      const tab = await read(url);
      expect(await count(tab)).toBe("2 comments");
      await shows(tab, "Bravo pour cet article");
      await tab.locator("[data-causette-count]").filter({ hasText: "2 comments" }).waitFor();
      await tab.close();
    }
  });

  it("moves a thread from the admin's Pages view, after a confirmation, and undoes it", async () => {
    await seed(server.url, "/old-title/", [{ body: "A comment that must follow the post" }]);
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const admin = await ctx.newPage();
    await admin.goto(`${server.url}/admin/`);
    await admin.getByLabel("Admin password").fill(PASSWORD);
    await admin.getByRole("button", { name: "Log in" }).click();
    await admin.getByRole("heading", { name: "Pending comments" }).waitFor();
    await admin.getByRole("link", { name: "Pages" }).click();

    await admin.getByRole("button", { name: "Move… /old-title/" }).click();
    // Preact draws the filled form on its next tick.
    await expect.poll(() => admin.getByLabel("Old page id").inputValue()).toBe("/old-title/");
    await admin.getByLabel("New page id").fill("/new-title/");
    await admin.getByRole("button", { name: "Review…" }).click();
    const confirmation = admin.getByRole("alertdialog");
    expect(await confirmation.textContent()).toContain("Move the comments of /old-title/ to /new-title/?");
    await confirmation.getByRole("button", { name: "Confirm" }).click();
    await admin
      .getByRole("status")
      .filter({ hasText: "Done: #2 /old-title/ moved to /new-title/ (1 comment)" })
      .waitFor();
    await admin.getByText("/old-title/ · 0 published · 0 pending · shows /new-title/").waitFor();

    host.set("/new-title/", blogPage({ server: server.url }));
    host.set("/old-title/", blogPage({ server: server.url }));
    for (const url of ["/new-title/", "/old-title/"]) {
      const reader = await read(url);
      expect(await count(reader)).toBe("1 comment");
      await reader.close();
    }

    await admin.getByRole("button", { name: "Undo #2" }).click();
    await admin
      .getByRole("alertdialog", { name: "Undo #2?" })
      .getByRole("button", { name: "Confirm undo" })
      .click();
    await admin.getByRole("status").filter({ hasText: "Undone: #2" }).waitFor();
    const after = await read("/new-title/");
    expect(await count(after)).toBe("No comments yet");
    await after.close();
    const back = await read("/old-title/");
    expect(await count(back)).toBe("1 comment");
    await ctx.close();
  });

  it("gives each post of a site with plain permalinks its own thread (data-page-id-param)", async () => {
    await seed(server.url, "/?p=12", [{ body: "On post twelve" }]);
    await seed(server.url, "/?p=13", [{ body: "On post thirteen" }, { body: "Second on thirteen" }]);
    host.set(
      "/",
      blogPage({
        server: server.url,
        scriptAttrs: 'data-page-id-param="p,page_id"',
        head: "", // WordPress prints a canonical link on posts; the location is enough here.
      }),
    );
    const twelve = await read("/?p=12&replytocom=1");
    expect(await count(twelve)).toBe("1 comment");
    await shows(twelve, "On post twelve");
    const thirteen = await read("/?p=13");
    expect(await count(thirteen)).toBe("2 comments");
    await Promise.all([twelve.close(), thirteen.close()]);
  });
});
