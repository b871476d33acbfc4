import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { focused, hostPage, ready, seed, shown, tree } from "./comments-helpers.js";
import { launchBrowser } from "./harness/browser.js";
import { type RunningHost, startHost } from "./harness/host.js";
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

async function open(path: string, hash = ""): Promise<Page> {
  if (!hash) host.set(path, hostPage(server.url));
  const page = await browser.newPage();
  page.on("pageerror", (e) => {
    throw e;
  });
  await page.goto(`${host.origin}${path}${hash}`);
  // A permalink to a later page brings the app by itself (it loads the pages it needs).
  await (hash ? shown(page) : ready(page));
  return page;
}

/** The widget's script files the page has fetched from the Causette server. */
function scripts(page: Page, origin: string): string[] {
  const files: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script" && r.url().startsWith(origin)) files.push(new URL(r.url()).pathname);
  });
  return files;
}

describe("the thread from the server, and the app on a reader's intent", () => {
  it("shows the server's HTML with no app until the reader acts; the count and permalinks need none", async () => {
    const made = await seed(server.url, "/read-only/", [
      { body: "First", name: "Ann" },
      { body: "Second", name: "Ben" },
    ]);
    host.set("/read-only/", hostPage(server.url));
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    const files = scripts(page, server.url);
    const asked: string[] = [];
    page.on("request", (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(`${host.origin}/read-only/#comment-${made[1]!.id}`);
    await shown(page);
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("2 comments");
    // The permalink is highlighted and focused by the loader alone.
    await page.waitForFunction(
      (id) =>
        document
          .querySelector("#causette")!
          .shadowRoot!.getElementById(`comment-${id}`)
          ?.classList.contains("highlight"),
      made[1]!.id,
    );
    expect(await focused(page)).toBe(`article#comment-${made[1]!.id}`);
    // Schema.org microdata, and real buttons.
    expect(await page.locator("#causette article[itemtype='https://schema.org/Comment']").count()).toBe(2);
    expect(await page.getByRole("button", { name: "Reply" }).count()).toBe(2);
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(500);
    expect(files.filter((f) => /comments\.js|fr\.js/.test(f))).toEqual([]);
    expect(asked.filter((p) => p === "/api/comments")).toEqual([]);
    expect(asked.filter((p) => p === "/api/comments.html")).toHaveLength(1);
    await page.close();
  });

  it("keeps what a reader types before the app came, and performs a click made before it", async () => {
    await seed(server.url, "/early/", [{ body: "Answer me", name: "Cleo" }]);
    host.set("/early/", hostPage(server.url));
    const page = await browser.newPage();
    const files = scripts(page, server.url);
    // The app is held back until the test lets it through: everything below happens before it.
    let release = () => {};
    const held = new Promise<void>((ok) => {
      release = ok;
    });
    await page.route(`${server.url}/comments.js`, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${host.origin}/early/`);
    await shown(page);
    const body = page.getByRole("textbox", { name: "Comment", exact: true }).first();
    await body.pressSequentially("Typed before the app");
    await page.getByRole("button", { name: "Reply" }).click();
    expect(files).toContain("/comments.js");
    expect(await page.locator("#causette [data-live]").count()).toBe(0);
    release();
    await page.locator("#causette [data-live]").waitFor({ state: "attached" });
    // The reply form opened, with the focus in its text area; the root form kept every character.
    await page.waitForFunction(() =>
      /^f-.+-body$/.test(document.querySelector("#causette")!.shadowRoot!.activeElement?.id ?? ""),
    );
    expect(await body.inputValue()).toBe("Typed before the app");
    await page.close();
  });
});

const form = (page: Page, nth = 0) => ({
  body: page.getByRole("textbox", { name: "Comment", exact: true }).nth(nth),
  name: page.getByRole("textbox", { name: "Name", exact: true }).nth(nth),
});

describe("reading and writing a thread from a host page on another origin", () => {
  it("posts a root comment, replies three levels deep, and shows the same tree after a reload", async () => {
    const page = await open("/tree/");
    await expect(page.getByRole("heading", { name: "No comments yet" }).isVisible()).resolves.toBe(true);
    // The root form is open: no click needed to start writing.
    const root = form(page);
    await root.body.fill("First *root* comment");
    await root.name.fill("Ada");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.getByRole("article", { name: "Ada" }).waitFor();
    expect(await page.getByRole("article", { name: "Ada" }).locator("em").textContent()).toBe("root");
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("1 comment");
    // The app's status region (the other, `.lv`, is the loader's live notice, empty here).
    await expect(page.locator("[role=status]:not(.lv)").textContent()).resolves.toBe("Comment posted");

    for (const [i, who] of ["Bea", "Cy", "Dee"].entries()) {
      await page.getByRole("button", { name: "Reply" }).nth(i).click();
      // The inline reply form takes the focus.
      expect(await focused(page)).toMatch(/^textarea#f-.+-body$/);
      const reply = form(page, 1);
      await reply.body.fill(`Reply ${i + 1} by ${who}`);
      await reply.name.fill(who);
      await reply.body.press("Control+Enter");
      await page.getByRole("article", { name: who }).waitFor();
    }
    const before = await tree(page);
    expect(before).toHaveLength(4);
    // Each reply's article sits inside its parent's, up to the display depth (3); deeper, a
    // reply follows its parent in the same list, and says whom it answers.
    for (let i = 1; i < 3; i++) expect(before[i]![1]).toBe(before[i - 1]![0]);
    expect(before[3]![1]).toBe(before[1]![0]);
    await expect(
      page.getByRole("article", { name: "Dee" }).getByText("in reply to Cy").isVisible(),
    ).resolves.toBe(true);
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("4 comments");

    await page.reload();
    await ready(page);
    await page.getByRole("article", { name: "Dee" }).waitFor();
    expect(await tree(page)).toEqual(before);
    await page.close();
  });

  it("edits and deletes one's own comment within the window, showing the time left", async () => {
    const page = await open("/edit/");
    const f = form(page);
    await f.body.fill("Typo in thsi comment");
    await f.name.fill("Eve");
    await page.getByRole("button", { name: "Post comment" }).click();
    const mine = page.getByRole("article", { name: "Eve" });
    await mine.waitFor();
    expect(await mine.getByText(/1[45] min left to edit/).isVisible()).toBe(true);
    await mine.getByRole("button", { name: "Edit" }).click();
    const box = mine.getByRole("textbox", { name: "Comment" });
    expect(await box.inputValue()).toBe("Typo in thsi comment");
    await box.fill("Typo in this comment, fixed");
    await mine.getByRole("button", { name: "Save" }).click();
    // The body shows the new text (the form's own textarea is gone) and says it was edited.
    await mine.locator("[part=body]", { hasText: "Typo in this comment, fixed" }).waitFor();
    expect(await mine.getByText("edited", { exact: true }).isVisible()).toBe(true);
    expect(await mine.getByRole("textbox").count()).toBe(0);

    // Someone replies; then the author deletes: the reply stays, under "Comment deleted".
    const [parentId] = await page.evaluate(() =>
      [...document.querySelector("#causette")!.shadowRoot!.querySelectorAll("article")].map((a) =>
        a.id.slice(8),
      ),
    );
    await seed(server.url, "/edit/", [{ body: "I answer Eve", name: "Fred", parent: parentId }]);
    await page.reload();
    await ready(page);
    page.once("dialog", (d) => d.accept());
    await page.getByRole("article", { name: "Eve" }).getByRole("button", { name: "Delete" }).first().click();
    await page.getByText("Comment deleted", { exact: true }).first().waitFor();
    expect(await page.getByRole("article", { name: "Fred" }).isVisible()).toBe(true);
    expect(await page.getByText("Typo in this comment").count()).toBe(0);
    await page.reload();
    await ready(page);
    expect(await page.getByText("Comment deleted", { exact: true }).first().isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Edit" }).count()).toBe(0);
    await page.close();
  });

  it("votes with a voter id kept in localStorage, and takes the vote back", async () => {
    await seed(server.url, "/vote/", [{ body: "Vote for me", name: "Gus" }]);
    const page = await open("/vote/");
    const like = page.getByRole("button", { name: "Like", exact: true });
    await like.click();
    await page.waitForFunction(() =>
      document.querySelector("#causette")!.shadowRoot!.querySelector('[aria-pressed="true"]'),
    );
    expect(await page.locator("#causette [itemprop=upvoteCount]").textContent()).toBe("1");
    await page.reload();
    await ready(page);
    await page.getByRole("article", { name: "Gus" }).waitFor();
    expect(await like.getAttribute("aria-pressed")).toBe("true");
    expect(await page.locator("#causette [itemprop=upvoteCount]").textContent()).toBe("1");
    await like.click();
    await page.waitForFunction(
      () =>
        document.querySelector("#causette")!.shadowRoot!.querySelector("[itemprop=upvoteCount]")
          ?.textContent === "0",
    );
    expect(await like.getAttribute("aria-pressed")).toBe("false");
    await page.getByRole("button", { name: "Dislike" }).click();
    await page.waitForFunction(
      () =>
        document.querySelector("#causette")!.shadowRoot!.querySelector("[itemprop=upvoteCount]")
          ?.textContent === "-1",
    );
    await page.close();
  });

  it("sorts, and loads more root threads through the cursor", async () => {
    await seed(
      server.url,
      "/many/",
      Array.from({ length: 60 }, (_, i) => ({ body: `Root number ${i + 1}`, name: `R${i + 1}` })),
    );
    const page = await open("/many/");
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("60 comments");
    expect(await page.locator("#causette article").count()).toBe(50);
    // Links to the server's HTML (readers without script follow them); the app, once a
    // reader acts, loads the next page or the new order in place.
    await page.getByRole("link", { name: "Load more comments" }).click();
    await page.getByRole("article", { name: "R60", exact: true }).waitFor();
    expect(await page.locator("#causette article").count()).toBe(60);
    expect(await page.getByRole("link", { name: "Load more comments" }).count()).toBe(0);
    await page.getByRole("navigation", { name: "Sort" }).getByRole("link", { name: "Newest" }).click();
    await page.waitForFunction(
      () =>
        document.querySelector("#causette")!.shadowRoot!.querySelector("article h3")?.textContent === "R60",
    );
    expect(await page.locator("#causette article").count()).toBe(50);
    await page.close();
  });

  it("opens a permalink: loads the pages it needs, then scrolls to the comment and highlights it", async () => {
    const made = await seed(
      server.url,
      "/deep-link/",
      Array.from({ length: 120 }, (_, i) => ({ body: `Comment ${i + 1}`, name: `P${i + 1}` })),
    );
    const target = made[109]!.id;
    host.set("/deep-link/", hostPage(server.url));
    const page = await open("/deep-link/", `#comment-${target}`);
    await page.waitForFunction((id) => {
      const el = document.querySelector("#causette")!.shadowRoot!.getElementById(`comment-${id}`);
      return el?.classList.contains("highlight") && el.getBoundingClientRect().top < innerHeight;
    }, target);
    expect(await focused(page)).toBe(`article#comment-${target}`);
    // The permalink of a comment is its own URL fragment.
    const href = await page
      .getByRole("article", { name: "P3", exact: true })
      .locator("a[href^='#comment-']")
      .getAttribute("href");
    expect(href).toBe(`#comment-${made[2]!.id}`);
    await page.close();
  });
});
