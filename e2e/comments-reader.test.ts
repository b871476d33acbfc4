import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { focused, ready, seed } from "./comments-helpers.js";
import { launchBrowser } from "./harness/browser.js";
import { blogPage, type RunningHost, startHost } from "./harness/host.js";
import { type RunningServer, startServer } from "./harness/server.js";

// What a newcomer saw as a reader (issue #18): after posting, after deleting, at the end of
// the edit window, in reply forms, on a page the server does not take comments from, and in
// the counts of an index that mixes languages.

/** Seconds an author may edit: short, so that the window closes during the test. */
const WINDOW = 6;

let server: RunningServer;
let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  [server, host, browser] = await Promise.all([
    startServer({ CAUSETTE_EDIT_WINDOW: String(WINDOW) }),
    startHost(),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop(), server?.stop()]);
});

async function open(path: string, html: string): Promise<Page> {
  host.set(path, html);
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  page.on("pageerror", (e) => {
    throw e;
  });
  await page.goto(`${host.origin}${path}`);
  await ready(page);
  return page;
}

async function post(page: Page, body: string, name: string): Promise<void> {
  await page.getByRole("textbox", { name: "Comment", exact: true }).first().fill(body);
  await page.getByRole("textbox", { name: "Name", exact: true }).first().fill(name);
  await page.getByRole("button", { name: "Post comment" }).first().click();
}

const inViewport = (page: Page, name: string) =>
  page.getByRole("article", { name }).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < innerHeight && r.height > 0;
  });

describe("after posting on a long thread", () => {
  it("shows the new comment in the viewport, focused, with a visible confirmation; deleting moves the focus somewhere sensible", async () => {
    await seed(
      server.url,
      "/long/",
      Array.from({ length: 40 }, (_, i) => ({
        body: `Comment number ${i + 1}, long enough to take room.`,
        name: `R${i}`,
      })),
    );
    const page = await open(
      "/long/",
      blogPage({
        server: server.url,
        body: '<p class="count"><a data-causette-count href="#">x</a></p><div id="causette"></div>',
      }),
    );
    await page.getByRole("textbox", { name: "Comment", exact: true }).scrollIntoViewIfNeeded();
    expect(await page.locator("[data-causette-count]").textContent()).toBe("40 comments… add one");
    await post(page, "Posted at the end of a long thread", "Newcomer");
    await page.getByRole("article", { name: "Newcomer" }).waitFor();
    expect(await inViewport(page, "Newcomer")).toBe(true);
    expect(await focused(page)).toMatch(/^article#comment-/);
    const status = page.getByRole("status").filter({ hasText: "Comment posted" });
    expect(await status.isVisible()).toBe(true);
    expect(await status.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(1);
    // Every count of the page follows the thread's.
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("41 comments");
    await page.locator("[data-causette-count]").filter({ hasText: "41 comments… add one" }).waitFor();

    // Deleting it: the focus does not fall to <body>, and the counts follow again.
    page.once("dialog", (d) => d.accept());
    await page.getByRole("article", { name: "Newcomer" }).getByRole("button", { name: "Delete" }).click();
    await page.getByRole("article", { name: "Newcomer" }).waitFor({ state: "detached" });
    expect(await focused(page)).toBe("h2#cz-h");
    await page.locator("[data-causette-count]").filter({ hasText: "40 comments… add one" }).waitFor();
    await page.close();
  });

  it("focuses the comment a deleted reply answered", async () => {
    const [root] = await seed(server.url, "/del-reply/", [{ body: "Root", name: "Ann" }]);
    const page = await open("/del-reply/", blogPage({ server: server.url }));
    await page.getByRole("article", { name: "Ann" }).getByRole("button", { name: "Reply" }).click();
    await page.getByRole("textbox", { name: "Comment", exact: true }).nth(1).fill("A reply to delete");
    await page.getByRole("textbox", { name: "Name", exact: true }).nth(1).fill("Rex");
    await page.getByRole("button", { name: "Post comment" }).nth(1).click();
    page.once("dialog", (d) => d.accept());
    await page.getByRole("article", { name: "Rex" }).getByRole("button", { name: "Delete" }).click();
    await page.getByRole("article", { name: "Rex" }).waitFor({ state: "detached" });
    expect(await focused(page)).toBe(`article#comment-${root!.id}`);
    await page.close();
  });
});

describe("the edit window", () => {
  it("takes Edit and Delete away when it closes, not at the next half-minute tick", async () => {
    const page = await open(
      "/window/",
      blogPage({ server: server.url, scriptAttrs: `data-edit-window="${WINDOW}"` }),
    );
    await post(page, "Mine, for a few seconds", "Quick");
    const mine = page.getByRole("article", { name: "Quick" });
    await mine.getByRole("button", { name: "Edit" }).waitFor();
    expect(await mine.getByText("1 min left to edit").count()).toBe(1);
    const posted = Date.now();
    await mine
      .getByRole("button", { name: "Edit" })
      .waitFor({ state: "detached", timeout: (WINDOW + 3) * 1000 });
    expect(Date.now() - posted).toBeLessThan((WINDOW + 2) * 1000);
    expect(await mine.getByRole("button", { name: "Delete" }).count()).toBe(0);
    await page.close();
  });
});

describe("reply forms", () => {
  it("start with the name, e-mail and website typed in the main form during this visit, not after it", async () => {
    await seed(server.url, "/who/", [{ body: "Someone to answer", name: "Ann" }]);
    const ctx = await browser.newContext();
    host.set("/who/", blogPage({ server: server.url }));
    const page = await ctx.newPage();
    await page.goto(`${host.origin}/who/`);
    await ready(page);
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Zoé");
    await page.getByRole("textbox", { name: "E-mail", exact: true }).fill("zoe@example.org");
    await page.getByRole("textbox", { name: "Website", exact: true }).fill("https://zoe.example");
    await page.getByRole("article", { name: "Ann" }).getByRole("button", { name: "Reply" }).click();
    const values = () =>
      Promise.all(
        ["Name", "E-mail", "Website"].map((name) =>
          page.getByRole("textbox", { name, exact: true }).nth(1).inputValue(),
        ),
      );
    expect(await values()).toEqual(["Zoé", "zoe@example.org", "https://zoe.example"]);
    // Without "Remember me", nothing outlives the visit: a new tab starts empty.
    expect(await page.evaluate(() => localStorage.getItem("causette"))).toBeNull();
    const later = await ctx.newPage();
    await later.goto(`${host.origin}/who/`);
    await ready(later);
    await later.getByRole("article", { name: "Ann" }).getByRole("button", { name: "Reply" }).click();
    expect(await later.getByRole("textbox", { name: "Name", exact: true }).nth(1).inputValue()).toBe("");
    await ctx.close();
  });
});

describe("a page on an origin the server does not take comments from", () => {
  it("says so, and names the setting in the console", async () => {
    const strict = await startServer({ CAUSETTE_ORIGINS: "https://blog.example" });
    try {
      const page = await open("/refused/", blogPage({ server: strict.url }));
      const logged: string[] = [];
      page.on("console", (m) => logged.push(m.text()));
      await post(page, "Will not go through", "Nope");
      const alert = page.locator("#causette [role=alert]");
      await alert.waitFor();
      expect(await alert.textContent()).toBe("This site may not post to this comments server.");
      expect(logged.join("\n")).toContain("CAUSETTE_ORIGINS");
      expect(strict.output()).toContain("CAUSETTE_ORIGINS");
      // The reader's text is kept.
      expect(await page.getByRole("textbox", { name: "Comment", exact: true }).inputValue()).toBe(
        "Will not go through",
      );
      await page.close();
    } finally {
      await strict.stop();
    }
  });
});

describe("counts on an index that mixes languages", () => {
  it("speak the language of the element they are in", async () => {
    await seed(server.url, "/fr-post/", [
      { body: "Un", name: "A" },
      { body: "Deux", name: "B" },
    ]);
    await seed(server.url, "/en-post/", [
      { body: "One", name: "C" },
      { body: "Two", name: "D" },
    ]);
    host.set(
      "/index/",
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Index</title></head><body>
      <article><a href="/fr-post/" data-causette-count>Commentaires</a></article>
      <article lang="en"><a href="/en-post/" data-causette-count>Comments</a></article>
      <script src="${server.url}/embed.js" async></script></body></html>`,
    );
    const page = await browser.newPage();
    await page.goto(`${host.origin}/index/`);
    await page.locator('[href="/en-post/"]').filter({ hasText: /\d/ }).waitFor();
    expect(await page.locator('[href="/fr-post/"]').textContent()).toBe("2 commentaires… ajoute le tien");
    expect(await page.locator('[href="/en-post/"]').textContent()).toBe("2 comments… add one");
    await page.close();
  });
});
