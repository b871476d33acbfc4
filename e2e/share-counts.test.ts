import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axe, launchBrowser, recordRequests } from "./harness/browser.js";
import { blogPage, type RunningHost, startHost } from "./harness/host.js";
import { type RunningServer, startServer } from "./harness/server.js";

const HOSTILE_CSS = `<style>
  * { letter-spacing: .2em; } a { display: none !important; color: red !important; }
  div { border: 8px dashed lime; padding: 2em; } span { font-size: 40px; }
  svg { width: 400px !important; } button { display: none !important; }
</style>`;

// The share bar and comment counts from the script tag, on a hostile host page.
let server: RunningServer;
let host: RunningHost;
let browser: Browser;

async function comment(page: string, body: string): Promise<void> {
  const res = await fetch(`${server.url}/api/comments`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ page, author: { name: "Sonia" }, body }),
  });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  [server, host, browser] = await Promise.all([startServer(), startHost(), launchBrowser()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop(), server?.stop()]);
});

describe("the share bar", () => {
  it("shows the total, opens a network in a new window, and the count goes up", async () => {
    host.set(
      "/post/",
      blogPage({
        server: server.url,
        head: HOSTILE_CSS,
        body: '<div data-causette-share data-networks="x,facebook,pinterest,email"></div>',
      }),
    );
    const context = await browser.newContext();
    await context.route("https://www.facebook.com/**", (r) => r.fulfill({ body: "fb" }));
    const page = await context.newPage();
    await page.goto(`${host.origin}/post/`);
    const bar = page.locator("[data-causette-share]");
    await expect.poll(() => bar.locator(".t").textContent()).toBe("0 shares");
    const fb = bar.getByRole("link", { name: "Share on Facebook (opens in a new window)" });
    const [popup] = await Promise.all([page.waitForEvent("popup"), fb.click()]);
    expect(popup.url()).toBe(
      `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(`${host.origin}/post/`)}`,
    );
    await expect.poll(() => bar.locator(".t").textContent()).toBe("1 share");
    await expect
      .poll(async () => (await (await fetch(`${server.url}/api/shares?page=/post/`)).json()).total, {
        timeout: 10_000,
      })
      .toBe(1);
    // Another reader sees it.
    const other = await browser.newContext();
    const page2 = await other.newPage();
    await page2.goto(`${host.origin}/post/`);
    await expect.poll(() => page2.locator("[data-causette-share] .t").textContent()).toBe("1 share");
    expect(
      await page2
        .locator("[data-causette-share]")
        .getByRole("link", { name: /Facebook/ })
        .getAttribute("aria-label"),
    ).toBe("Share on Facebook 1 (opens in a new window)");
    expect(await axe(page2), JSON.stringify(await axe(page2), null, 1)).toEqual([]);
    await Promise.all([context.close(), other.close()]);
  });

  it("speaks French: « 61 partages »", async () => {
    host.set("/fr/", blogPage({ server: server.url, lang: "fr", body: "<div data-causette-share></div>" }));
    const page = await browser.newPage();
    await page.goto(`${host.origin}/fr/`);
    await expect.poll(() => page.locator("[data-causette-share] .t").textContent()).toBe("0 partage");
    expect(
      await page
        .locator("[data-causette-share]")
        .getByRole("link", { name: /^Partager sur X/ })
        .count(),
    ).toBe(1);
    await page.close();
  });
});

describe("comment counts", () => {
  it("fills three posts of an index page with one request, localized", async () => {
    await comment("/p/one/", "Premier");
    await comment("/p/one/", "Second");
    await comment("/p/two/", "Un seul");
    const links = ["one", "two", "three"]
      .map((p) => `<p><a href="/p/${p}/" data-causette-count>Comments</a></p>`)
      .join("");
    for (const lang of ["en", "fr"]) {
      host.set(`/${lang}/index/`, blogPage({ server: server.url, lang, head: HOSTILE_CSS, body: links }));
      const page = await browser.newPage();
      const requests = recordRequests(page);
      await page.goto(`${host.origin}/${lang}/index/`);
      const counts = page.locator("[data-causette-count]");
      const expected =
        lang === "en"
          ? ["2 comments… add one", "1 comment… add one", "No comments… add one"]
          : [
              "2 commentaires… ajoute le tien",
              "1 commentaire… ajoute le tien",
              "Aucun commentaire… ajoute le tien",
            ];
      await expect.poll(() => counts.allTextContents()).toEqual(expected);
      await page.waitForLoadState("networkidle");
      expect(requests.filter((u) => u.includes("/api/counts"))).toHaveLength(1);
      expect(requests.filter((u) => !u.startsWith(host.origin) && !u.startsWith(server.url))).toEqual([]);
      if (lang === "en") expect(await axe(page)).toEqual([]);
      await page.close();
    }
  });
});

describe("the light parts under a strict CSP", () => {
  it("draw styled quote boxes, share bars and counts on a host that allows only the Causette server", async () => {
    const csp = `default-src 'self'; script-src ${server.url}; style-src ${server.url}; connect-src ${server.url}`;
    host.set("/csp-light/", {
      body: blogPage({
        server: server.url,
        body:
          "<blockquote data-causette-tweet data-networks=bluesky>A quote under CSP</blockquote>" +
          '<div data-causette-share data-networks="x,facebook"></div><a href="/p/one/" data-causette-count>Comments</a>',
      }),
      headers: { "Content-Security-Policy": csp },
    });
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${host.origin}/csp-light/`);
    const tweet = page.getByRole("link", { name: "Click to Tweet (opens in a new window)" });
    await page.getByRole("link", { name: /^Share on Bluesky/ }).waitFor();
    await expect.poll(() => page.locator("[data-causette-share] .t").textContent()).toBe("0 shares");
    await expect.poll(() => page.locator("[data-causette-count]").textContent()).toMatch(/comment/);
    // The stylesheets apply: the quote box's button has its accent, the share pills their border.
    expect(await tweet.evaluate((a) => getComputedStyle(a).backgroundColor)).toBe("rgb(33, 80, 184)");
    const pill = page.locator("[data-causette-share]").getByRole("link", { name: /^Share on X/ });
    expect(await pill.evaluate((a) => getComputedStyle(a).borderStyle)).toBe("solid");
    expect(violations).toEqual([]);
    await page.close();
  });
});
