import { createRequire } from "node:module";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axe, launchBrowser, recordRequests } from "./harness/browser.js";
import { blogPage, type RunningHost, startHost } from "./harness/host.js";
import { ROOT, type RunningServer, startServer } from "./harness/server.js";

// X's own counter, the widget's dev-only oracle.
const twitter: { parseTweet(t: string): { weightedLength: number } } = createRequire(
  join(ROOT, "packages/widget/package.json"),
)("twitter-text");

// Quote boxes from the script tag, on a host page whose CSS is hostile to anything it hosts.
let server: RunningServer;
let host: RunningHost;
let browser: Browser;

const HOSTILE_CSS = `<style>
  * { box-sizing: content-box; letter-spacing: .2em; }
  a { display: none !important; color: red !important; }
  svg { width: 400px !important; height: 400px !important; }
  p { margin: 80px !important; font-size: 40px; }
  button, .p, .b, .q, .r { all: unset; display: none !important; }
  blockquote { border: 12px solid lime; padding: 3em; background: yellow; font-style: italic; }
</style>`;

const LONG =
  "Une conversation commerciale ne peut être intéressante pour l'autre que si tu lui permets d'y participer, " +
  "et c'est en posant des questions, en écoutant vraiment, en reformulant ce que tu as entendu 👩🏽‍💻 que " +
  "tu construis la confiance — celle qui fait que l'on revient vers toi quand le besoin se présente, " +
  "pas avant, et certainement pas parce que tu as insisté 🇫🇷.";

function quotePage(lang = "en", canonical = "https://blog.example/2016/08/arreter/"): string {
  return blogPage({
    server: server.url,
    lang,
    head: `${HOSTILE_CSS}<link rel="canonical" href="${canonical}">`,
    body: `
      <blockquote data-causette-tweet data-via="selma" data-hashtags="vente,strategie" data-networks="bluesky,mastodon">
        ${LONG}
        <a href="https://x.com/intent/tweet?text=${encodeURIComponent(LONG)}" data-causette-fallback>Tweet this</a>
      </blockquote>
      <span class="bctt-click-to-tweet"><span class="bctt-ctt-text"><a href="https://twitter.com/intent/tweet?url=https%3A%2F%2Fblog.example%2Fp%2F&amp;text=Mieux%20que%20s%27organiser&amp;via=selma&amp;related=selma" target="_blank" rel="noopener noreferrer">Mieux que s'organiser : passer de choix par défaut à des choix stratégiques !</a></span><a href="https://twitter.com/intent/tweet?url=https%3A%2F%2Fblog.example%2Fp%2F&amp;text=Mieux%20que%20s%27organiser&amp;via=selma&amp;related=selma" target="_blank" class="bctt-ctt-btn" rel="noopener noreferrer">Click To Tweet</a></span>`,
  });
}

async function open(
  path: string,
  html: string,
): Promise<{ context: BrowserContext; page: Page; requests: string[] }> {
  host.set(path, html);
  const context = await browser.newContext();
  // The networks are never reached: their intent pages are answered here.
  for (const site of [
    "https://x.com/**",
    "https://twitter.com/**",
    "https://bsky.app/**",
    "https://mastodon.example/**",
  ])
    await context.route(site, (r) => r.fulfill({ body: "intent", contentType: "text/plain" }));
  const page = await context.newPage();
  const requests = recordRequests(page);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${host.origin}${path}`);
  await page.waitForFunction(
    () =>
      document.querySelectorAll("[data-causette-tweet], .bctt-click-to-tweet").length === 2 &&
      [...document.querySelectorAll("[data-causette-tweet], .bctt-click-to-tweet")].every((e) =>
        e.shadowRoot?.querySelector("a.p"),
      ),
  );
  expect(errors).toEqual([]);
  return { context, page, requests };
}

const button = (page: Page, nth: number) =>
  page.locator("[data-causette-tweet], .bctt-click-to-tweet").nth(nth).locator("a.p");

beforeAll(async () => {
  [server, host, browser] = await Promise.all([startServer(), startHost(), launchBrowser()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop(), server?.stop()]);
});

describe("quote boxes from the script tag", () => {
  it("render inside the owner's elements, one labelled button each, untouched by the host's CSS", async () => {
    const { context, page } = await open("/post/", quotePage());
    const first = button(page, 0);
    await expect.poll(() => first.isVisible()).toBe(true);
    expect(await first.getAttribute("aria-label")).toBe("Click to Tweet (opens in a new window)");
    expect(await first.textContent()).toBe("Click to Tweet");
    expect(await first.getAttribute("target")).toBe("_blank");
    const box = await first.boundingBox();
    expect(box!.height).toBeLessThan(60); // the host's 400 px svg rule does not reach it
    const quote = await page.locator("[data-causette-tweet]").locator(".q").textContent();
    expect(quote).toBe(LONG);
    // The no-JS link is not rendered any more: one control, not two links to one place.
    expect(await page.getByRole("link", { name: "Tweet this" }).count()).toBe(0);
    expect(await page.locator(".bctt-click-to-tweet").locator(".q").textContent()).toBe(
      "Mieux que s'organiser : passer de choix par défaut à des choix stratégiques !",
    );
    await context.close();
  });

  it("opens X's intent in a new window with the post shortened to fit 280 by X's count", async () => {
    const { context, page } = await open("/post/", quotePage());
    const first = button(page, 0);
    // The exact counter, fetched for this long post only, swaps in the shortened post.
    await expect
      .poll(async () => new URL((await first.getAttribute("href"))!).searchParams.get("text"))
      .toMatch(/…$/);
    const [popup] = await Promise.all([page.waitForEvent("popup"), first.click()]);
    const intent = new URL(popup.url());
    expect(intent.origin + intent.pathname).toBe("https://x.com/intent/tweet");
    const p = intent.searchParams;
    expect(p.get("url")).toBe("https://blog.example/2016/08/arreter/");
    expect(p.get("via")).toBe("selma");
    expect(p.get("hashtags")).toBe("vente,strategie");
    const text = p.get("text")!;
    expect(LONG.startsWith(text.slice(0, -1))).toBe(true);
    const post = `${text} ${p.get("url")} #vente #strategie via @selma`;
    expect(twitter.parseTweet(post).weightedLength).toBeLessThanOrEqual(280);
    expect(twitter.parseTweet(post).weightedLength).toBeGreaterThan(250);
    await context.close();
  });

  it("keeps Better Click To Tweet's post, and counts each click on the server", async () => {
    const { context, page } = await open("/bctt/", quotePage("en", "https://blog.example/bctt/"));
    const bctt = button(page, 1);
    const [popup] = await Promise.all([page.waitForEvent("popup"), bctt.click()]);
    const p = new URL(popup.url()).searchParams;
    expect(p.get("text")).toBe("Mieux que s'organiser");
    expect(p.get("url")).toBe("https://blog.example/p/");
    expect(p.get("related")).toBe("selma");
    await expect
      .poll(async () => (await (await fetch(`${server.url}/api/shares?page=/bctt/`)).json()).networks.x, {
        timeout: 10_000,
      })
      .toBe(1);
    await context.close();
  });

  it("adds the other networks asked for: Bluesky within 300 graphemes, Mastodon asked once", async () => {
    const { context, page } = await open("/more/", quotePage());
    const box = page.locator("[data-causette-tweet]");
    const bsky = box.getByRole("link", { name: "Share on Bluesky (opens in a new window)" });
    const href = new URL((await bsky.getAttribute("href"))!);
    expect(href.origin + href.pathname).toBe("https://bsky.app/intent/compose");
    const text = href.searchParams.get("text")!;
    expect([...new Intl.Segmenter().segment(text)].length).toBeLessThanOrEqual(300);
    expect(text.endsWith(" https://blog.example/2016/08/arreter/")).toBe(true);
    const mastodon = box.getByRole("link", { name: "Share on Mastodon (opens in a new window)" });
    page.once("dialog", (d) => d.accept("https://Mastodon.Example/@me"));
    const [popup] = await Promise.all([page.waitForEvent("popup"), mastodon.click()]);
    expect(popup.url()).toMatch(/^https:\/\/mastodon\.example\/share\?text=/);
    // Asked once: the second click goes straight there.
    let asked = false;
    page.once("dialog", (d) => {
      asked = true;
      d.dismiss();
    });
    const [again] = await Promise.all([page.waitForEvent("popup"), mastodon.click()]);
    expect(again.url()).toMatch(/^https:\/\/mastodon\.example\/share/);
    expect(asked).toBe(false);
    await context.close();
  });

  it("speaks French on a French page, asks nothing of a third party, and axe finds nothing", async () => {
    const { context, page, requests } = await open("/fr/", quotePage("fr"));
    await expect.poll(() => button(page, 0).textContent()).toBe("Cliquez pour tweeter");
    expect(await button(page, 0).getAttribute("aria-label")).toBe(
      "Cliquez pour tweeter (s’ouvre dans une nouvelle fenêtre)",
    );
    await page.waitForLoadState("networkidle");
    const foreign = requests.filter((u) => !u.startsWith(host.origin) && !u.startsWith(server.url));
    expect(foreign).toEqual([]);
    expect(requests.some((u) => u.endsWith("/light.js"))).toBe(true);
    const violations = await axe(page);
    expect(violations).toEqual([]);
    // No cookie, anywhere; nothing kept in the reader's browser until Mastodon is used.
    expect(await context.cookies()).toEqual([]);
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("causette:mastodon"))),
    ).toEqual([]);
    await context.close();
  });

  it("follows the page's dark-mode switch", async () => {
    host.set(
      "/dark/",
      blogPage({
        server: server.url,
        head: "<style>html.dark body { color: #eee; background: #111; }</style>",
        body: "<blockquote data-causette-tweet>A quote</blockquote><div data-causette-share></div>",
      }),
    );
    const page = await browser.newPage();
    await page.goto(`${host.origin}/dark/`);
    const dark = (sel: string) =>
      page.evaluate(
        (s) => document.querySelector(s)?.shadowRoot?.querySelector(".w")?.classList.contains("d"),
        sel,
      );
    await expect.poll(() => dark("[data-causette-share]")).toBe(false);
    await expect
      .poll(() =>
        page.evaluate(() =>
          performance.getEntriesByType("resource").some((r) => r.name.endsWith("/light.js")),
        ),
      )
      .toBe(true);
    expect(await dark("[data-causette-tweet]")).toBe(false);
    await page.evaluate(() => document.documentElement.classList.add("dark"));
    await expect.poll(() => dark("[data-causette-tweet]")).toBe(true);
    await expect.poll(() => dark("[data-causette-share]")).toBe(true);
    expect(await axe(page)).toEqual([]);
    await page.evaluate(() => document.documentElement.classList.remove("dark"));
    await expect.poll(() => dark("[data-causette-tweet]")).toBe(false);
    await page.close();
  });

  it("sees a dark page whose colours are written in oklch, lab or display-p3 (Tailwind 4's are oklch)", async () => {
    const page = await browser.newPage();
    const parts = () =>
      page.evaluate(() => {
        const root = (s: string) => document.querySelector(s)?.shadowRoot;
        return [
          root("[data-causette-tweet]")?.querySelector(".w")?.classList.contains("d"),
          root("[data-causette-share]")?.querySelector(".w")?.classList.contains("d"),
          root("#causette")?.querySelector(".causette")?.classList.contains("dark"),
        ];
      });
    for (const [text, background, dark] of [
      ["oklch(0.93 0.01 260)", "oklch(0.2 0.02 260)", true],
      ["lab(92 0 0)", "lab(10 0 0)", true],
      ["color(display-p3 0.9 0.9 0.92)", "color(display-p3 0.1 0.1 0.1)", true],
      ["oklch(0.25 0.02 260)", "oklch(0.98 0 0)", false],
    ] as const) {
      const path = `/colour-${encodeURIComponent(text).replace(/%/g, "")}/`;
      host.set(
        path,
        blogPage({
          server: server.url,
          head: `<style>body { color: ${text}; background: ${background}; }</style>`,
          body: '<blockquote data-causette-tweet>A quote</blockquote><div data-causette-share></div><div id="causette"></div>',
        }),
      );
      await page.goto(`${host.origin}${path}`);
      await expect.poll(parts, { message: text }).toEqual([dark, dark, dark]);
    }
    await page.close();
  });

  it("leaves the exact counter unfetched for a post that surely fits", async () => {
    const { context, page, requests } = await open(
      "/short/",
      blogPage({
        server: server.url,
        body:
          '<blockquote data-causette-tweet data-via="selma" data-hashtags="vente">Choisir, c’est renoncer.</blockquote>' +
          "<blockquote data-causette-tweet>Moins, mais mieux.</blockquote>",
      }),
    );
    const first = button(page, 0);
    await expect
      .poll(async () => new URL((await first.getAttribute("href"))!).searchParams.get("via"))
      .toBe("selma");
    await page.waitForLoadState("networkidle");
    const p = new URL((await first.getAttribute("href"))!).searchParams;
    expect([p.get("text"), p.get("hashtags")]).toEqual(["Choisir, c’est renoncer.", "vente"]);
    expect(requests.filter((u) => u.includes("/chunks/compose-"))).toEqual([]);
    await context.close();
  });

  it("draws nothing and fetches no chunk on a page without quote boxes", async () => {
    host.set("/plain/", blogPage({ server: server.url, body: "<p>No quotes here.</p>" }));
    const page = await browser.newPage();
    const requests = recordRequests(page);
    await page.goto(`${host.origin}/plain/`);
    await page.waitForLoadState("networkidle");
    expect(requests.filter((u) => u.startsWith(server.url))).toEqual([`${server.url}/embed.js`]);
    await page.close();
  });
});
