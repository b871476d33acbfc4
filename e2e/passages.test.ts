/**
 * Passages (issue #17) in Chromium, against the built server: a reader selects a sentence of
 * the article, comments on it, and the sentence is then marked (`CSS.highlights` "causette")
 * with a count marker that opens the thread at the comment; the mark survives an edit of the
 * article; a passage that is gone says so; quote boxes open a discussion; the keyboard does
 * it all; no byte of it comes to a page with `data-passages="off"`, nor the marks' chunk to a
 * page without comments on passages; a strict CSP stays clean; axe finds nothing.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ready } from "./comments-helpers.js";
import { axe, launchBrowser, recordRequests } from "./harness/browser.js";
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

const SENTENCE = "The list was never the problem.";
const QUOTE = "Choose three things a day, and keep to them.";

function post(opts: { lead?: string; sentence?: string; lang?: string; attrs?: string } = {}): string {
  const sentence = opts.sentence ?? SENTENCE;
  return `<!doctype html><html lang="${opts.lang ?? "en"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Lists</title></head>
<body><main>
<article><h1>Stop organising</h1>
<p>${opts.lead ?? ""}For years I kept lists of tasks, of projects, of wishes.</p>
<p id="target">Then I understood. ${sentence} Wanting to do everything was.</p>
<blockquote data-causette-tweet>${QUOTE}</blockquote>
<p>The rest can wait. It always could.</p>
</article>
<div id="causette"></div>
</main>
<script src="${server.url}/embed.js" ${opts.attrs ?? ""} async></script>
</body></html>`;
}

async function open(path: string, html: string, opts: { width?: number } = {}) {
  host.set(path, html);
  const ctx = await browser.newContext({ viewport: { width: opts.width ?? 1000, height: 800 } });
  const page = await ctx.newPage();
  const requests = recordRequests(page);
  await page.goto(`${host.origin}${path}`);
  await ready(page);
  return { page, requests };
}

/** Selects `words` in the article as a reader would (the selection API the mouse drives). */
function select(page: Page, words: string) {
  return page.evaluate((words) => {
    const walker = document.createTreeWalker(document.querySelector("article")!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent!.indexOf(words);
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + words.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return;
    }
    throw new Error(`${words} is not in the article`);
  }, words);
}

/** The text each range of the `causette` highlight covers. */
const highlighted = (page: Page, name = "causette") =>
  page.evaluate((name) => [...(CSS.highlights.get(name) ?? [])].map((r) => (r as Range).toString()), name);

/** The focused element inside the comments' shadow root. */
const focusedInThread = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector("#causette")!.shadowRoot!.activeElement;
    return el ? `${el.tagName}#${el.id}` : null;
  });

async function comment(page: string, anchor: object | undefined, body: string, name = "Ann") {
  const res = await fetch(`${server.url}/api/comments`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ page, author: { name }, body, anchor }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { comment: { id: string } }).comment.id;
}

describe("comment on a passage", () => {
  it("select, comment, and the sentence is marked with a count that leads to the comment", async () => {
    const { page, requests } = await open("/select/", post());
    // No comment on a passage yet: the marks' chunk is not fetched.
    expect(requests.some((u) => u.endsWith("/anchor.js"))).toBe(false);
    await select(page, SENTENCE);
    const button = page.getByRole("button", { name: "Comment on this passage" });
    await button.waitFor();
    expect(await button.getAttribute("aria-keyshortcuts")).toBe("Alt+C");
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Alt+C" }).count()).toBe(1);
    await button.click();
    // The form quotes the passage, and the focus is in the text area.
    const quote = page.locator("#causette figure.pq blockquote");
    await quote.waitFor();
    expect(await quote.textContent()).toBe(SENTENCE);
    await expect.poll(() => focusedInThread(page)).toBe("TEXTAREA#new-body");
    await page.keyboard.type("So true: the list was just a mirror.");
    await page.getByRole("textbox", { name: "Name" }).fill("Lea");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.getByRole("article", { name: "Lea" }).waitFor();
    const list = await (await fetch(`${server.url}/api/comments?page=/select/`)).json();
    expect(list.comments[0].anchor).toMatchObject({
      exact: SENTENCE,
      suffix: expect.stringMatching(/^ Wanting/),
    });
    // The posted comment starts with the quotation, linking back with a Text Fragment.
    const link = page.locator("#causette article figure.pq a");
    expect(await link.getAttribute("href")).toMatch(
      /#:~:text=Then%20I%20understood\.-,The%20list%20was%20never%20the%20problem\.,-Wanting%20to%20do$/,
    );
    await page.context().close();

    // A new visit: the sentence is marked, the marker opens the thread at the comment.
    const again = await open("/select/", post());
    await expect.poll(() => highlighted(again.page)).toEqual([SENTENCE]);
    expect(again.requests.filter((u) => u.endsWith("/anchor.js"))).toHaveLength(1);
    // Read from the server's HTML of the thread (data-anchor): asked for before the app came
    // (ready() brings it), and the thread's JSON asked for once, by the app alone.
    const paths = again.requests.map((u) => new URL(u).pathname);
    expect(paths.indexOf("/anchor.js")).toBeLessThan(paths.indexOf("/comments.js"));
    expect(paths.filter((p) => p === "/api/comments")).toHaveLength(1);
    // The article's DOM is not rewritten: no element was wrapped around its words.
    expect(await again.page.locator("#target").innerHTML()).toBe(
      `Then I understood. ${SENTENCE} Wanting to do everything was.`,
    );
    const marker = again.page.getByRole("button", { name: "1 comment on this passage" });
    // At the end of the passage.
    const [box, end] = await Promise.all([
      marker.boundingBox(),
      again.page.evaluate(() => {
        const r = [...CSS.highlights.get("causette")!][0] as Range;
        const rects = r.getClientRects();
        return rects[rects.length - 1]!.toJSON();
      }),
    ]);
    // No margin beside this article: just above the end of the passage, clear of its words.
    expect(Math.abs(box!.x - (end.right - 12))).toBeLessThan(2);
    expect(box!.y + box!.height).toBeLessThanOrEqual(end.top + 6);
    await marker.click();
    const id = list.comments[0].id;
    await expect.poll(() => again.page.evaluate(() => location.hash)).toBe(`#comment-${id}`);
    await expect.poll(() => focusedInThread(again.page)).toBe(`ARTICLE#comment-${id}`);
    // Following the quotation goes back to the passage and marks it a moment.
    await again.page.evaluate(() => scrollTo(0, document.body.scrollHeight));
    await again.page.locator(`#causette #comment-${id} figure.pq a`).click();
    await expect.poll(() => highlighted(again.page, "causette-focus")).toEqual([SENTENCE]);
    expect(again.page.url()).not.toContain(":~:");
    await again.page.context().close();
  });

  it("works from far above the thread, before the app or the thread's HTML came, and the thread stays live", async () => {
    const path = "/long/";
    await comment(path, undefined, "Already here.", "Cy");
    await comment(path, { exact: "For years I kept lists", suffix: " of tasks" }, "On the lists.", "Eli");
    // A long article: the comments are many screens below the sentence the reader selects.
    const filler = "<p>A long paragraph of the article, read on the way down. </p>".repeat(150);
    host.set(path, post().replace("<p>The rest can wait. It always could.</p>", filler));
    const ctx = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const page = await ctx.newPage();
    const requests = recordRequests(page);
    await page.goto(`${host.origin}${path}`);
    // A passage with comments is marked at once, many screens above the comments.
    await expect.poll(() => highlighted(page)).toEqual(["For years I kept lists"]);
    expect(await page.evaluate(() => scrollY)).toBe(0);
    await select(page, SENTENCE);
    await page.getByRole("button", { name: "Comment on this passage", exact: true }).click();
    // The form quotes the passage, with the focus in it, and stays so once the thread is
    // drawn: the server's HTML, asked for when the thread neared the screen, does not
    // replace what the app drew first.
    await page.locator("#causette form figure.pq blockquote").waitFor();
    await expect.poll(() => focusedInThread(page)).toBe("TEXTAREA#new-body");
    await page.getByRole("article", { name: "Cy" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await page.locator("#causette form figure.pq blockquote").textContent()).toBe(SENTENCE);
    expect(await focusedInThread(page)).toBe("TEXTAREA#new-body");
    // Live as with the server's HTML: another reader's comment is announced.
    expect(requests.some((u) => u.includes("/api/events?"))).toBe(true);
    await comment(path, undefined, "Written meanwhile.", "Di");
    await page.getByRole("button", { name: "1 new comment — show" }).waitFor({ timeout: 5_000 });
    await ctx.close();
  });

  it("works from the keyboard: Alt+C opens the form on the selected words", async () => {
    const { page } = await open("/keys/", post({ lang: "fr" }));
    await select(page, "For years I kept lists");
    await page.getByRole("button", { name: "Commenter ce passage" }).waitFor();
    await page.keyboard.press("Alt+KeyC");
    await expect
      .poll(() => page.locator("#causette figure.pq blockquote").textContent())
      .toBe("For years I kept lists");
    await expect.poll(() => focusedInThread(page)).toBe("TEXTAREA#new-body");
    // The reader may drop the passage and comment on the whole article.
    await page.getByRole("button", { name: "Commenter l’article entier plutôt" }).click();
    expect(await page.locator("#causette figure.pq").count()).toBe(0);
    await page.context().close();
  });

  it("finds the passage again after an edit, and says so when it is gone", async () => {
    const path = "/edited/";
    const anchor = {
      exact: SENTENCE,
      prefix: "tasks, of projects, of wishes. Then I understood. ",
      suffix: " Wanting to do everything was. Choose",
      position: { start: 107, end: 138 },
    };
    const kept = await comment(path, anchor, "Kept through the edit");
    const gone = await comment(
      path,
      { exact: "It always could.", prefix: "The rest can wait. ", suffix: "" },
      "On words now gone",
      "Ben",
    );
    // Words inserted before the passage, the last paragraph's last sentence deleted.
    const edited = post({ lead: "A note added later, long enough to move every offset. " }).replace(
      " It always could.",
      "",
    );
    const { page } = await open(path, edited);
    await expect.poll(() => highlighted(page)).toEqual([SENTENCE]);
    const thread = page.locator("#causette");
    await expect
      .poll(() => thread.locator(`#comment-${gone} figure.pq figcaption`).textContent())
      .toBe("On a passage that has changed");
    expect(await thread.locator(`#comment-${gone} figure.pq a`).count()).toBe(0);
    expect(await thread.locator(`#comment-${kept} figure.pq figcaption`).textContent()).toBe(
      "On this passage",
    );
    await page.context().close();
  });

  it("quote boxes open a discussion quoting the box, and their comments are marked on the box", async () => {
    const { page } = await open("/quote/", post());
    const discuss = page.locator("[data-causette-tweet]").getByRole("button", { name: "Discuss" });
    await discuss.click();
    await expect.poll(() => page.locator("#causette figure.pq blockquote").textContent()).toBe(QUOTE);
    await expect.poll(() => focusedInThread(page)).toBe("TEXTAREA#new-body");
    await page.keyboard.type("Three is plenty.");
    await page.getByRole("textbox", { name: "Name" }).fill("Quin");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.getByRole("article", { name: "Quin" }).waitFor();
    await page.reload();
    await ready(page);
    const marker = page.getByRole("button", { name: "1 comment on this passage" });
    await marker.waitFor();
    const [m, q] = await Promise.all([
      marker.boundingBox(),
      page.locator("[data-causette-tweet]").boundingBox(),
    ]);
    expect(m!.y).toBeGreaterThanOrEqual(q!.y - 1);
    expect(m!.y).toBeLessThan(q!.y + q!.height);
    await page.context().close();
  });

  it('with data-passages="off" nothing of it loads, even with comments on passages and a selection', async () => {
    await comment("/off/", { exact: SENTENCE }, "Anchored elsewhere");
    const { page, requests } = await open("/off/", post({ attrs: 'data-passages="off"' }));
    await select(page, SENTENCE);
    await page.waitForTimeout(400);
    expect(await page.getByRole("button", { name: "Comment on this passage" }).count()).toBe(0);
    expect(await page.locator("[data-causette-tweet]").getByRole("button", { name: "Discuss" }).count()).toBe(
      0,
    );
    expect(requests.filter((u) => /\/(anchor|passage)\.js$/.test(u))).toEqual([]);
    expect(await highlighted(page)).toEqual([]);
    await page.context().close();
  });

  it("stays clean under a strict CSP, and axe finds nothing on the marks, the form and the thread", async () => {
    const path = "/strict/";
    await comment(
      path,
      { exact: SENTENCE, prefix: "Then I understood. ", suffix: " Wanting" },
      "A strict one",
    );
    await comment(
      path,
      { exact: SENTENCE, prefix: "Then I understood. ", suffix: " Wanting" },
      "And another",
      "Ben",
    );
    const csp = `default-src 'self'; script-src ${server.url}; style-src ${server.url}; connect-src ${server.url}`;
    host.set(path, { body: post(), headers: { "Content-Security-Policy": csp } });
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${host.origin}${path}`);
    await ready(page);
    const marker = page.getByRole("button", { name: "2 comments on this passage" });
    await marker.waitFor();
    // The highlight's style comes from the constructable sheet.
    expect(await marker.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe("rgb(33, 80, 184)");
    await select(page, "The rest can wait.");
    await page.getByRole("button", { name: "Comment on this passage" }).click();
    await page.locator("#causette form figure.pq").waitFor();
    expect(violations).toEqual([]);
    await ctx.close();

    const { page: a11y } = await open(path, post());
    await a11y.getByRole("button", { name: "2 comments on this passage" }).waitFor();
    await select(a11y, "The rest can wait.");
    await a11y.getByRole("button", { name: "Comment on this passage" }).click();
    await a11y.locator("#causette form figure.pq").waitFor();
    const found = await axe(a11y);
    expect(found, JSON.stringify(found, null, 1)).toEqual([]);
    await a11y.context().close();
  });
});
