import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ready } from "./comments-helpers.js";
import { axe, launchBrowser } from "./harness/browser.js";
import { blogPage, type RunningHost, startHost } from "./harness/host.js";
import { type RunningServer, startServer } from "./harness/server.js";

const PASSWORD = "a long admin passphrase";
let server: RunningServer;
let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  [server, host, browser] = await Promise.all([
    startServer({ CAUSETTE_ADMIN_PASSWORD: PASSWORD, CAUSETTE_MODERATION: "first" }),
    startHost(),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop(), server?.stop()]);
});

/** A comment sent through the API, as another reader's browser would. */
async function submit(page: string, name: string, email: string, body: string): Promise<string> {
  const res = await fetch(`${server.url}/api/comments`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: host.origin },
    body: JSON.stringify({ page, author: { name, email }, body }),
  });
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { comment: { id: string } }).comment.id;
}

/**
 * The session of the last login through the form, for the next test to start logged in
 * instead of filling the form again (the form stays tested: first test, logouts, CSP, axe).
 */
let session: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined;

/**
 * The admin page, logged in. `bypassCSP` lets axe be injected; the CSP itself is tested apart.
 * `fresh`: through the form, in a session of its own (one the test may end).
 */
async function admin(
  opts: { bypassCSP?: boolean; width?: number; fresh?: boolean } = {},
): Promise<{ ctx: BrowserContext; page: Page }> {
  const reuse = opts.fresh ? undefined : session;
  const ctx = await browser.newContext({
    bypassCSP: opts.bypassCSP ?? true,
    viewport: { width: opts.width ?? 1100, height: 900 },
    storageState: reuse,
  });
  const page = await ctx.newPage();
  page.on("pageerror", (e) => {
    throw e;
  });
  await page.goto(`${server.url}/admin/`);
  if (!reuse) {
    await page.getByLabel("Admin password").fill(PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
  }
  await page.getByRole("heading", { name: "Pending comments" }).waitFor();
  if (!reuse && !opts.fresh) session = await ctx.storageState();
  return { ctx, page };
}

const card = (page: Page, name: string) => page.getByRole("article", { name });
/** The status badge of a comment card ("Pending", "Approved", "Spam", "Deleted"). */
const badge = (page: Page, name: string) => card(page, name).locator("header > .badge");

async function hostPost(path: string): Promise<Page> {
  host.set(path, blogPage({ server: server.url }));
  const page = await browser.newPage();
  await page.goto(`${host.origin}${path}`);
  await ready(page);
  return page;
}

describe("the admin page", () => {
  it("logs in, approves a comment held by the widget, and the widget then shows it to everyone", async () => {
    // A reader posts from the host page: as a first-time author, the comment is held and
    // shown to them only.
    const reader = await hostPost("/held/");
    await reader.getByRole("textbox", { name: "Comment", exact: true }).fill("My first words here");
    await reader.getByRole("textbox", { name: "Name", exact: true }).fill("Noor");
    await reader.getByRole("textbox", { name: "E-mail" }).fill("noor@example.org");
    await reader.getByRole("button", { name: "Post comment" }).click();
    await reader.getByText("Awaiting moderation").waitFor();
    const other = await hostPost("/held/");
    expect(await other.getByRole("article", { name: "Noor" }).count()).toBe(0);

    const { ctx, page } = await admin();
    const held = card(page, "Noor");
    await held.waitFor();
    expect(await held.getByText("noor@example.org").count()).toBe(1);
    expect(await held.getByText("First comment of this author").count()).toBe(1);
    await held.getByRole("button", { name: "Approve" }).click();
    await badge(page, "Noor").getByText("Approved").waitFor();
    await expect(page.getByRole("status").first().textContent()).resolves.toContain("approved");

    await other.reload();
    await ready(other);
    await other.getByRole("article", { name: "Noor" }).getByText("My first words here").waitFor();
    await Promise.all([reader.close(), other.close(), ctx.close()]);
  });

  it("marks a comment as spam in one click and with the keyboard; it never reaches the widget", async () => {
    await submit(
      "/spam/",
      "Pill Seller",
      "pills@spam.test",
      "Cheap pills https://a.example https://b.example https://c.example",
    );
    await submit("/spam/", "Second Seller", "more@spam.test", "Another offer");
    const { ctx, page } = await admin();
    const seller = card(page, "Pill Seller");
    await seller.getByText("Too many links").waitFor();
    await seller.getByRole("button", { name: "Spam" }).click();
    await badge(page, "Pill Seller").getByText("Spam").waitFor();

    // Keyboard: focus the other one's card, then `s`.
    await card(page, "Second Seller").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("s");
    await badge(page, "Second Seller").getByText("Spam").waitFor();

    const reader = await hostPost("/spam/");
    await reader.getByRole("heading", { name: "No comments yet" }).waitFor();
    expect(await reader.locator("#causette").getByRole("article").count()).toBe(0);
    await Promise.all([reader.close(), ctx.close()]);
  });

  it("bans an author by e-mail: their comments go to spam, and so do new ones", async () => {
    await submit("/ban/", "Troll", "troll@example.org", "First troll comment");
    const { ctx, page } = await admin();
    const troll = card(page, "Troll");
    await troll.getByRole("button", { name: "Ban author" }).click();
    await troll.getByRole("radio", { name: /By e-mail/ }).check();
    await troll.getByRole("button", { name: "Ban", exact: true }).click();
    await page.getByText("Author banned by e-mail. 1 comment marked as spam.").waitFor({ state: "attached" });

    await submit("/ban/", "Troll again", "TROLL@example.org", "Back with another name");
    await page.getByRole("link", { name: "All comments" }).click();
    await page.getByRole("heading", { name: "All comments" }).waitFor();
    await page.getByLabel("Status").selectOption("spam");
    await page.getByRole("button", { name: "Filter" }).click();
    await card(page, "Troll again").getByText("Banned e-mail address").waitFor();

    await page.getByRole("link", { name: "Block list" }).click();
    await page.getByRole("cell", { name: "troll@example.org", exact: true }).waitFor();
    await ctx.close();
  });

  it("locks a page's thread: the widget replaces its form with “comments are closed”", async () => {
    await submit("/locked/", "Early", "early@example.org", "Before the lock");
    const before = await hostPost("/locked/");
    await before.getByRole("button", { name: "Post comment" }).waitFor();
    await before.close();

    const { ctx, page } = await admin();
    await page.getByRole("link", { name: "Pages" }).click();
    await page.getByRole("heading", { name: "Pages" }).waitFor();
    const row = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "/locked/" }) });
    await row.getByRole("button", { name: /Lock thread/ }).click();
    await row.getByRole("button", { name: /Unlock thread/ }).waitFor();

    const after = await hostPost("/locked/");
    await after.getByText("Comments are closed on this page.").waitFor();
    expect(await after.getByRole("button", { name: "Post comment" }).count()).toBe(0);
    await Promise.all([after.close(), ctx.close()]);
  });

  it("replies as moderator and edits a comment", async () => {
    await submit("/reply/", "Asker", "asker@example.org", "Is there a French version?");
    const { ctx, page } = await admin();
    const asker = card(page, "Asker");
    await asker.getByRole("button", { name: "Reply" }).click();
    await asker.getByRole("textbox", { name: /Reply to Asker/ }).fill("Yes: *bientôt*.");
    await asker.getByRole("textbox", { name: "Shown as" }).fill("Selma");
    await asker.getByRole("button", { name: "Publish reply" }).click();
    await card(page, "Selma").waitFor();

    await asker.getByRole("button", { name: "Edit" }).click();
    await asker.getByRole("textbox", { name: /Edit the comment/ }).fill("Is there a **French** version?");
    await asker.getByRole("button", { name: "Save" }).click();
    await asker.locator(".body strong").getByText("French").waitFor();

    const reader = await hostPost("/reply/");
    const reply = reader.getByRole("article", { name: "Selma" });
    await reply.getByText("bientôt").waitFor();
    expect(await reply.getByText("Author").count()).toBe(1);
    await Promise.all([reader.close(), ctx.close()]);
  });

  it("approves several comments at once", async () => {
    await submit("/bulk/", "One", "one@example.org", "bulk one");
    await submit("/bulk/", "Two", "two@example.org", "bulk two");
    const { ctx, page } = await admin();
    await page.getByLabel("Text or author").fill("bulk");
    // The unfiltered queue shows "One" too: wait for the filtered list before selecting all.
    const filtered = page.waitForResponse(
      (res) => res.url().includes("/api/admin/comments?") && res.url().includes("q=bulk"),
    );
    await page.getByRole("button", { name: "Filter" }).click();
    await filtered;
    await card(page, "One").waitFor();
    await card(page, "Two").waitFor();
    await expect.poll(() => page.getByRole("article").count()).toBe(2);
    await page.getByRole("checkbox", { name: "Select all shown" }).check();
    await page.getByRole("button", { name: "Approve selected" }).click();
    await page.getByText("2 comments approved.").waitFor({ state: "attached" });
    const reader = await hostPost("/bulk/");
    expect(
      await reader
        .locator("#causette")
        .getByRole("article")
        .evaluateAll((all) => all.map((a) => a.querySelector("h3")?.textContent)),
    ).toEqual(["One", "Two"]);
    await Promise.all([reader.close(), ctx.close()]);
  });

  it("logs out on the server: the old cookie no longer opens anything", async () => {
    const { ctx, page } = await admin({ fresh: true });
    const [cookie] = await ctx.cookies();
    expect(cookie).toMatchObject({ name: "causette_admin", httpOnly: true, sameSite: "Strict", path: "/" });
    await page.getByRole("button", { name: "Log out", exact: true }).click();
    await page.getByLabel("Admin password").waitFor();
    const res = await fetch(`${server.url}/api/admin/session`, {
      headers: { Cookie: `${cookie!.name}=${cookie!.value}` },
    });
    expect(res.status).toBe(401);
    await ctx.close();
  });

  it("logs out everywhere: the session of another browser ends too", async () => {
    const [laptop, phone] = [await admin({ fresh: true }), await admin({ fresh: true })];
    await laptop.page.getByRole("button", { name: "Log out everywhere" }).click();
    await laptop.page.getByLabel("Admin password").waitFor();
    // The phone's next action finds its session gone and shows the login form.
    await phone.page.getByRole("link", { name: "Block list" }).click();
    await phone.page.getByLabel("Admin password").waitFor();
    // Every session ended, the one the other tests share too.
    session = undefined;
    await Promise.all([laptop.ctx.close(), phone.ctx.close()]);
  });

  it("runs under its strict CSP without a violation, and works on a phone", async () => {
    const { ctx, page } = await admin({ bypassCSP: false, width: 360 });
    const problems: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/.test(m.text())) problems.push(m.text());
    });
    await page.reload();
    await page.getByRole("heading", { name: "Pending comments" }).waitFor();
    await page.getByRole("link", { name: "Block list" }).click();
    await page.getByRole("heading", { name: "Block list" }).waitFor();
    expect(problems).toEqual([]);
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await ctx.close();
  });

  for (const colorScheme of ["light", "dark"] as const)
    it(`passes axe on every view in ${colorScheme}, with a ban form and the shortcuts dialog open`, async () => {
      await submit(
        `/axe-${colorScheme}/`,
        `Axe Reader ${colorScheme}`,
        `axe-${colorScheme}@example.org`,
        "Some **text** with a [link](https://example.org)",
      );
      const ctx = await browser.newContext({ bypassCSP: true, colorScheme });
      const page = await ctx.newPage();
      await page.goto(`${server.url}/admin/`);
      await page.getByLabel("Admin password").waitFor();
      expect(await axe(page), `login ${colorScheme}`).toEqual([]);
      await page.getByLabel("Admin password").fill(PASSWORD);
      await page.getByRole("button", { name: "Log in" }).click();
      const reader = card(page, `Axe Reader ${colorScheme}`);
      await reader.waitFor();
      await reader.getByRole("button", { name: "Ban author" }).click();
      expect(await axe(page), `queue ${colorScheme}`).toEqual([]);
      for (const view of ["All comments", "Pages", "Block list"]) {
        await page.getByRole("link", { name: view }).click();
        await page.getByRole("heading", { level: 1 }).filter({ hasText: view }).waitFor();
        await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"));
        expect(await axe(page), `${view} ${colorScheme}`).toEqual([]);
      }
      await page.getByRole("link", { name: "All comments" }).click();
      await page.getByRole("heading", { name: "All comments" }).waitFor();
      // The view installs its shortcuts after its first paint: let it settle first.
      await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"));
      await page.keyboard.press("?");
      await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
      expect(await axe(page), `shortcuts ${colorScheme}`).toEqual([]);
      await page.keyboard.press("Escape");
      await ctx.close();
    });
});

describe("admin import", () => {
  const wxr = (title: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <item>
    <title>${title}</title>
    <link>https://jardin.example/e2e-import/</link>
    <wp:post_id>1</wp:post_id>
    <wp:post_type>post</wp:post_type>
    <wp:status>publish</wp:status>
    <wp:comment>
      <wp:comment_id>1</wp:comment_id>
      <wp:comment_author>Imported Odile</wp:comment_author>
      <wp:comment_date_gmt>2021-04-02 08:00:00</wp:comment_date_gmt>
      <wp:comment_content><![CDATA[${body}]]></wp:comment_content>
      <wp:comment_approved>1</wp:comment_approved>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>
  </item>
</channel>
</rss>
`;

  it("uploads a WordPress export, shows the report, and says where a malformed file breaks", async () => {
    const { ctx, page } = await admin({ fresh: true });
    await page.getByRole("link", { name: "Import" }).click();
    await page.getByRole("heading", { level: 1, name: "Import and export" }).waitFor();
    await page.getByLabel("Format").selectOption("wordpress");
    await page.getByLabel("Export file").setInputFiles({
      name: "jardin.xml",
      mimeType: "application/xml",
      buffer: Buffer.from(wxr("Semer", "Mars sous abri.")),
    });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("heading", { name: "Imported from jardin.xml" }).waitFor();
    expect(await page.getByRole("status").textContent()).toMatch(/1 comment imported on 1 new page/);
    expect(await axe(page), "import report").toEqual([]);

    const res = await fetch(`${server.url}/api/comments?page=/e2e-import/`);
    const list = (await res.json()) as { comments: { author: { name: string } }[] };
    expect(list.comments.map((c) => c.author.name)).toEqual(["Imported Odile"]);

    // The export below it downloads the site, the imported comment included, as a file.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download the export" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^causette-default-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(await readFile((await download.path())!, "utf8"));
    expect(exported.format).toBe("causette");
    expect(exported.comments.map((c: { authorName: string }) => c.authorName)).toContain("Imported Odile");

    await page.getByLabel("Export file").setInputFiles({
      name: "broken.xml",
      mimeType: "application/xml",
      buffer: Buffer.from(wxr("Semer", "x").replace("</title>", "</oops>")),
    });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^Line 5, column \d+: malformed XML.*Nothing was imported\.$/);
    expect(await axe(page), "import error").toEqual([]);

    // A Disqus file sent as WordPress: the page says to choose Disqus; detecting imports it.
    const disqus = `<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="1"><link>https://jardin.example/e2e-disqus/</link></thread>
  <post dsq:id="10"><message><![CDATA[<p>Bravo</p>]]></message><createdAt>2021-04-02T08:00:00Z</createdAt>
    <author><name>Disqus Rémi</name></author><thread dsq:id="1"/></post>
</disqus>`;
    const file = { name: "disqus.xml", mimeType: "application/xml", buffer: Buffer.from(disqus) };
    await page.getByLabel("Export file").setInputFiles(file);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByText(/This file is a Disqus export/).waitFor();
    expect(await alert.textContent()).toMatch(/not a WordPress export: choose "Disqus" as the format/);
    await page.getByLabel("Format").selectOption("auto");
    await page.getByLabel("Export file").setInputFiles(file);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("heading", { name: "Imported from disqus.xml" }).waitFor();
    expect(await page.getByText("Detected: a Disqus export.").count()).toBe(1);

    // A session ended elsewhere: the download goes back to the login form, not to a JSON page.
    await page.evaluate(() => fetch("/api/admin/logout", { method: "POST" }));
    await page.getByRole("button", { name: "Download the export" }).click();
    await page.getByLabel("Admin password").waitFor();
    expect(page.url()).toMatch(/\/admin\//);
    await ctx.close();
  });

  it("shows an imported comment's list and table as a list and a table, with none of the thread's styles", async () => {
    const { ctx, page } = await admin();
    await page.getByRole("link", { name: "Import" }).click();
    await page.getByLabel("Export file").setInputFiles({
      name: "markup.xml",
      mimeType: "application/xml",
      buffer: Buffer.from(
        wxr(
          "Markup",
          "Steps:\n<ol><li>Sow</li><li>Water</li><li>Wait</li></ol>\n<table><tr><th>Crop</th><th>Month</th></tr><tr><td>Tomato</td><td>March</td></tr></table>\nH<sub>2</sub>O",
        )
          .replaceAll("e2e-import", "e2e-markup")
          .replace("<wp:post_id>1<", "<wp:post_id>2<")
          .replace("<wp:comment_id>1<", "<wp:comment_id>2<"),
      ),
    });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("heading", { name: "Imported from markup.xml" }).waitFor();
    await ctx.close();

    const reader = await hostPost("/e2e-markup/");
    const shown = await reader.evaluate(() => {
      const root = document.querySelector("#causette")!.shadowRoot!;
      const body = root.querySelector("article .body")!;
      const ol = body.querySelector("ol")!;
      const items = [...ol.querySelectorAll("li")];
      const cells = [...body.querySelectorAll("tr:first-child > *")];
      const style = getComputedStyle(ol);
      return {
        listStyle: style.listStyleType,
        rail: style.borderLeftWidth,
        // From the body's edge to the list's: its own indent only, no thread's.
        indent: ol.getBoundingClientRect().left - body.getBoundingClientRect().left,
        padding: Number.parseFloat(style.paddingLeft) / Number.parseFloat(style.fontSize),
        gaps: items
          .slice(1)
          .map((li, i) => li.getBoundingClientRect().top - items[i]!.getBoundingClientRect().bottom),
        table: getComputedStyle(body.querySelector("table")!).display,
        sameRow: cells.map((c) => c.getBoundingClientRect().top),
        sub: body.querySelector("sub")?.textContent,
      };
    });
    expect(shown.listStyle).toBe("decimal");
    expect(shown.rail).toBe("0px");
    expect(shown.indent).toBe(0);
    expect(shown.padding).toBeCloseTo(1.5);
    for (const gap of shown.gaps) expect(gap).toBeLessThan(2);
    expect(shown.table).toBe("table");
    expect(new Set(shown.sameRow).size).toBe(1);
    expect(shown.sub).toBe("2");
    await reader.close();
  });
});
