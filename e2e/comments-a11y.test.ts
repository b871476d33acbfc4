import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { focused, hostPage, ready, seed } from "./comments-helpers.js";
import { axe, launchBrowser, recordRequests } from "./harness/browser.js";
import { blogPage, type RunningHost, startHost } from "./harness/host.js";
import { type RunningServer, startServer } from "./harness/server.js";

let server: RunningServer;
let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  [server, host, browser] = await Promise.all([startServer(), startHost(), launchBrowser()]);
  // A small thread with a reply past the display depth, a website link and Markdown.
  const [a] = await seed(server.url, "/a11y/", [
    { body: "Root with **bold** and a [link](https://example.org)", name: "Ann" },
  ]);
  const [b] = await seed(server.url, "/a11y/", [{ body: "A reply", name: "Ben", parent: a!.id }]);
  const [c] = await seed(server.url, "/a11y/", [{ body: "Deeper", name: "Cat", parent: b!.id }]);
  await seed(server.url, "/a11y/", [{ body: "Deepest", name: "Dan", parent: c!.id }]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop(), server?.stop()]);
});

async function open(
  html: string,
  opts: { colorScheme?: "light" | "dark"; width?: number } = {},
): Promise<Page> {
  host.set("/a11y/", html);
  const ctx = await browser.newContext({
    colorScheme: opts.colorScheme ?? "light",
    viewport: { width: opts.width ?? 1000, height: 900 },
  });
  const page = await ctx.newPage();
  await page.goto(`${host.origin}/a11y/`);
  await ready(page);
  await page.getByRole("article", { name: "Dan" }).waitFor();
  return page;
}

const isDark = (page: Page) =>
  page.evaluate(() =>
    document.querySelector("#causette")!.shadowRoot!.querySelector(".causette")!.classList.contains("dark"),
  );

describe("accessibility", () => {
  const pages = {
    "English, light, hostile host CSS": () => hostPage(server.url),
    "French, dark": () =>
      blogPage({
        server: server.url,
        lang: "fr",
        head: "<style>@media (prefers-color-scheme: dark) { html { background: #16181c; color: #e6e4e0 } }</style>",
      }),
  };
  for (const [label, html] of Object.entries(pages)) {
    it(`axe finds no violation (${label}), with a reply form and field errors shown`, async () => {
      const fr = label.startsWith("French");
      const page = await open(html(), { colorScheme: fr ? "dark" : "light" });
      await page
        .getByRole("button", { name: fr ? "Répondre" : "Reply" })
        .first()
        .click();
      await page
        .getByRole("button", { name: fr ? "Publier" : "Post comment" })
        .first()
        .click();
      await page.locator("#causette .err").first().waitFor();
      const violations = await axe(page, "#causette");
      expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
      await page.context().close();
    });
  }

  it("works by keyboard alone: write, post, reply, cancel back to the Reply button", async () => {
    const page = await open(
      blogPage({ server: server.url, head: "<style>button{display:none!important}</style>" }),
    );
    // From the top of the page, Tab reaches the comment field (after the sort control).
    for (let i = 0; i < 10 && !(await focused(page)).startsWith("textarea#new-body"); i++)
      await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("textarea#new-body");
    await page.keyboard.type("Typed with the keyboard only");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Kim");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Control+Enter");
    await page.getByRole("article", { name: "Kim" }).waitFor();
    // The app's status region (the other, `.lv`, is the loader's live notice, empty here).
    expect(await page.locator("[role=status]:not(.lv)").textContent()).toBe("Comment posted");

    const reply = page.getByRole("article", { name: "Ann" }).getByRole("button", { name: "Reply" }).first();
    await reply.focus();
    await page.keyboard.press("Enter");
    expect(await focused(page)).toMatch(/^textarea#f-/);
    // Tab to Cancel and press it: the focus returns to the Reply button.
    for (
      let i = 0;
      i < 10 &&
      !(await page.evaluate(
        () => document.querySelector("#causette")!.shadowRoot!.activeElement?.textContent === "Cancel",
      ));
      i++
    ) {
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
    expect(await focused(page)).toMatch(/^button#r-/);
    expect(await reply.getAttribute("aria-expanded")).toBe("false");
    await page.context().close();
  });

  it("names its controls in French, with French typography", async () => {
    const page = await open(blogPage({ server: server.url, lang: "fr-FR" }));
    // (The keyboard test above may have added one.)
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toMatch(/^[45] commentaires$/);
    for (const name of ["Commentaire", "Nom", "E-mail", "Site web"]) {
      expect(await page.getByRole("textbox", { name, exact: true }).count()).toBe(1);
    }
    expect(await page.getByRole("button", { name: "Publier" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Répondre" }).count()).toBe(
      await page.locator("#causette article").count(),
    );
    expect(await page.getByText("en réponse à Cat").count()).toBe(1);
    // A narrow no-break space (U+202F) before the colon.
    expect(await page.locator("#causette #new-body-h").textContent()).toContain("Markdown\u202f:");
    expect(await page.locator("#causette time").first().textContent()).toMatch(/maintenant|il y a/);
    await page.context().close();
  });
});

describe("looks", () => {
  it("follows the host's dark class and data-theme on <html>, and the theme option", async () => {
    const page = await open(blogPage({ server: server.url }));
    expect(await isDark(page)).toBe(false);
    await page.evaluate(() => document.documentElement.classList.add("dark"));
    await page.waitForFunction(() =>
      document.querySelector("#causette")!.shadowRoot!.querySelector(".causette.dark"),
    );
    await page.evaluate(() => {
      document.documentElement.classList.remove("dark");
      document.documentElement.dataset.theme = "light";
    });
    await page.waitForFunction(
      () => !document.querySelector("#causette")!.shadowRoot!.querySelector(".causette.dark"),
    );
    await page.evaluate(() => {
      document.documentElement.dataset.theme = "dark";
    });
    await page.waitForFunction(() =>
      document.querySelector("#causette")!.shadowRoot!.querySelector(".causette.dark"),
    );
    await page.context().close();

    const forced = await open(blogPage({ server: server.url, scriptAttrs: 'data-theme="dark"' }));
    expect(await isDark(forced)).toBe(true);
    await forced.context().close();
    // A page that follows the reader's system (color-scheme light dark) shown in dark mode.
    const auto = await open(
      blogPage({ server: server.url, head: '<meta name="color-scheme" content="light dark">' }),
      {
        colorScheme: "dark",
      },
    );
    expect(await isDark(auto)).toBe(true);
    await auto.context().close();
  });

  it("cannot be broken by hostile host CSS, and is usable 320 px wide", async () => {
    const page = await open(hostPage(server.url), { width: 320 });
    for (const name of ["Post comment", "Reply"]) {
      const box = await page.getByRole("button", { name }).first().boundingBox();
      expect(box && box.width >= 24 && box.height >= 24, name).toBe(true);
    }
    const field = await page.getByRole("textbox", { name: "Comment" }).boundingBox();
    expect(field!.width).toBeGreaterThan(250);
    // Nothing sticks out sideways, however deep the thread.
    const overflow = await page.evaluate(() => {
      const host = document.querySelector("#causette")!;
      const right = host.getBoundingClientRect().right;
      return [...host.shadowRoot!.querySelectorAll("*")].filter(
        (el) => el.getBoundingClientRect().right > right + 1,
      ).length;
    });
    expect(overflow).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.context().close();
  });

  it("works on a host whose CSP allows only the Causette server (no 'unsafe-inline')", async () => {
    const csp = `default-src 'self'; script-src ${server.url}; style-src ${server.url}; connect-src ${server.url}`;
    host.set("/csp/", {
      body: blogPage({ server: server.url }),
      headers: { "Content-Security-Policy": csp },
    });
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${host.origin}/csp/`);
    await page.getByRole("button", { name: "Post comment" }).waitFor();
    await page.getByRole("textbox", { name: "Comment" }).fill("Posted under a strict CSP");
    await page.getByRole("textbox", { name: "Name" }).fill("Csp");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.getByRole("article", { name: "Csp" }).waitFor();
    // The constructable stylesheet applies: the primary button has its accent background.
    const bg = await page
      .getByRole("button", { name: "Post comment" })
      .evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(bg).not.toBe("rgba(0, 0, 0, 0)");
    expect(violations).toEqual([]);
    await page.close();
  });

  it("asks nothing of a third party and sets no cookie", async () => {
    host.set("/private/", blogPage({ server: server.url }));
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const urls = recordRequests(page);
    await page.goto(`${host.origin}/private/`);
    await ready(page);
    await page.getByRole("textbox", { name: "Comment" }).fill("Private");
    await page.getByRole("textbox", { name: "Name" }).fill("Pia");
    await page.getByRole("textbox", { name: "E-mail" }).fill("pia@example.org");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.getByRole("article", { name: "Pia" }).waitFor();
    await page.getByRole("button", { name: "Like" }).first().click();
    await page.waitForTimeout(300);
    const origins = new Set(urls.map((u) => new URL(u).origin));
    expect([...origins].sort()).toEqual([host.origin, server.url].sort());
    expect(await ctx.cookies()).toEqual([]);
    await ctx.close();
  });
});
