// Issue #16, part 5: a site that puts the server's HTML fragment in its own pages, as
// docs/seo.md shows (its `curl` build step and its nginx SSI lines, run as written against
// the real built server), shows the comments in Chromium with JavaScript disabled; with
// JavaScript on, the widget adopts the fragment and asks for no thread.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, recordRequests } from "./harness/browser.js";
import { type RunningHost, startHost } from "./harness/host.js";
import { NGINX, startNginx } from "./harness/nginx.js";
import { freePort } from "./harness/ports.js";
import { ROOT, type RunningServer, startServer } from "./harness/server.js";

const PAGE = "/2016/08/post/";
const DOCUMENTED_SERVER = "https://comments.example.com";

let server: RunningServer;
let host: RunningHost;
let browser: Browser;
let dir: string;
let seo: string;
const ids: Record<string, string> = {};

/** The first fenced block of `lang` after the heading `heading` in docs/seo.md. */
function documented(heading: string, lang: string): string {
  const section = seo.slice(seo.indexOf(`\n## ${heading}`));
  const block = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(section)?.[1];
  if (!block) throw new Error(`docs/seo.md has no \`\`\`${lang} block under "## ${heading}" any more`);
  return block.replaceAll(DOCUMENTED_SERVER, server.url);
}

/** A blog post whose template holds the documented container and script tag. */
const postPage = (container: string) =>
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A post</title></head>
<body><main><article><h1>A post</h1><p>Some words of the article.</p></article>
${container}</main></body></html>
`;

async function comment(body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${server.url}/api/comments`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ page: PAGE, ...body }),
  });
  if (res.status !== 201) throw new Error(`seed: ${res.status} ${await res.text()}`);
  return (await res.json()).comment.id;
}

beforeAll(async () => {
  [server, host, browser] = await Promise.all([startServer(), startHost(), launchBrowser()]);
  seo = await readFile(join(ROOT, "docs/seo.md"), "utf8");
  dir = await mkdtemp(join(tmpdir(), "causette-nojs-"));
  ids.root = await comment({
    author: { name: "Ana Root", website: "https://ana.example/" },
    body: "The first *root* comment.",
  });
  ids.reply = await comment({ parentId: ids.root, author: { name: "Bo Reply" }, body: "An answer to Ana." });
  ids.other = await comment({ author: { name: "Di Other" }, body: "A second thread." });
});
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop(), server?.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** What a reader without script sees: the three comments, nested, with their microdata. */
async function expectReadable(page: Page): Promise<void> {
  const comments = page.locator('article[itemscope][itemtype="https://schema.org/Comment"]');
  await expect.poll(() => comments.count()).toBe(3);
  for (const text of ["The first root comment.", "An answer to Ana.", "A second thread."])
    expect(await page.getByText(text).isVisible(), text).toBe(true);
  expect(await page.getByRole("link", { name: "Ana Root" }).getAttribute("href")).toBe(
    "https://ana.example/",
  );
  const nested = await page.evaluate(
    ([reply, root]) =>
      document.getElementById(`comment-${reply}`)?.parentElement?.closest("article")?.id ===
      `comment-${root}`,
    [ids.reply, ids.root],
  );
  expect(nested).toBe(true);
  expect(await page.evaluate(() => document.querySelector("#causette")?.shadowRoot ?? null)).toBeNull();
}

describe("a page that holds the fragment, built with docs/seo.md's curl step", () => {
  let built: string;

  beforeAll(async () => {
    const file = join(dir, "public", PAGE, "index.html");
    await mkdir(dirname(file), { recursive: true });
    const container = documented("Any build: `curl`", "html");
    await writeFile(file, postPage(container));
    const step = spawnSync("bash", ["-e", "-c", documented("Any build: `curl`", "sh")], {
      cwd: dir,
      encoding: "utf8",
    });
    if (step.status !== 0) throw new Error(`the documented curl step failed: ${step.stderr}`);
    built = await readFile(file, "utf8");
    host.set(PAGE, built);
  });

  it("puts the thread in the container and keeps the script tag", () => {
    expect(built).not.toContain("<!--causette-->");
    expect(built).toMatch(/<div id="causette">\s*<section[^>]* data-causette-thread="oldest"/);
    expect(built.match(/<script src="[^"]*\/embed\.js" async><\/script>/g)).toHaveLength(1);
  });

  it("shows the comments with JavaScript disabled", async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const requests = recordRequests(page);
    await page.goto(`${host.origin}${PAGE}`);
    await expectReadable(page);
    expect(requests.filter((url) => url.startsWith(server.url))).toEqual([]);
    // The sort links are real links: to the server's fragment in that order.
    await page.getByRole("link", { name: "Newest" }).click();
    await page.waitForURL(`${server.url}/api/comments.html?**`);
    const roots = page.locator("ol.thread > li > article");
    await expect.poll(() => roots.count()).toBe(2);
    expect(await roots.first().getAttribute("id")).toBe(`comment-${ids.other}`);
    await ctx.close();
  });

  it("with JavaScript on, the widget adopts it and asks the server for no thread", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const requests = recordRequests(page);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${host.origin}${PAGE}`);
    await page.waitForFunction(
      () =>
        document.querySelector("#causette")?.shadowRoot?.querySelectorAll("[data-causette-thread] article")
          .length === 3,
    );
    await page.waitForLoadState("networkidle");
    // The comments are the adopted ones, shown in the shadow root.
    expect(await page.getByText("An answer to Ana.").isVisible()).toBe(true);
    expect(requests.filter((url) => url.includes("/api/comments"))).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });
  it("with JavaScript on, comments written after the build come as '1 new comment — show', from the fragment's event id", async () => {
    // The same page template, for a page whose thread was empty when the site was built.
    const later = "/2016/09/later/";
    const fragment = await (await fetch(`${server.url}/api/comments.html?page=${later}`)).text();
    expect(fragment).toMatch(/data-event-id="\d+"/);
    host.set(
      later,
      built.replace(/<section[\s\S]*<\/section>/, () => fragment),
    );
    const res = await fetch(`${server.url}/api/comments`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ page: later, author: { name: "Eve Later" }, body: "Written after the build." }),
    });
    expect(res.status).toBe(201);
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const requests = recordRequests(page);
    await page.goto(`${host.origin}${later}`);
    const told = page.getByRole("button", { name: "1 new comment — show" });
    await told.waitFor();
    // Told by the stream's catch-up alone: no thread was read, and the app has not come.
    expect(requests.filter((url) => url.includes("/api/comments") || url.endsWith("/comments.js"))).toEqual(
      [],
    );
    await told.click();
    await page.getByRole("article", { name: "Eve Later" }).waitFor();
    expect(await page.getByText("Written after the build.").isVisible()).toBe(true);
    await ctx.close();
  });
});

describe("docs/seo.md's Eleventy shortcode", () => {
  /** The shortcode as the documented `eleventy.config.js` registers it. */
  async function shortcode(serverUrl: string) {
    const file = join(dir, `eleventy-${Math.random().toString(36).slice(2)}.config.mjs`);
    await writeFile(file, documented("Eleventy", "js").replaceAll(server.url, serverUrl));
    const shortcodes = new Map<string, (...args: string[]) => Promise<string>>();
    const config = await import(file);
    config.default({
      addAsyncShortcode: (name: string, fn: (...args: string[]) => Promise<string>) =>
        shortcodes.set(name, fn),
    });
    return shortcodes.get("causette")!;
  }

  it("returns the container with the page's thread in it, and the script tag", async () => {
    const out = await (await shortcode(server.url))(PAGE, "fr");
    expect(out).toMatch(/^<div id="causette"><section[^>]* lang="fr" data-causette-thread="oldest"/);
    expect(out).toContain(`id="comment-${ids.reply}"`);
    expect(out).toMatch(/<\/div><script src="[^"]*\/embed\.js" async><\/script>$/);
  });

  it("returns an empty container when the server cannot be reached, so the build goes on", async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const out = await (await shortcode(down))(PAGE);
    expect(out).toBe(`<div id="causette"></div><script src="${down}/embed.js" async></script>`);
  });
});

describe.skipIf(!existsSync(NGINX))(
  "a page that includes the fragment through docs/seo.md's nginx lines",
  () => {
    let origin: string;
    let stop = async () => {};

    beforeAll(async () => {
      const port = await freePort();
      origin = `http://127.0.0.1:${port}`;
      const file = join(dir, "site", PAGE, "index.html");
      await mkdir(dirname(file), { recursive: true });
      const container = documented("nginx (server-side includes)", "html");
      await writeFile(file, postPage(container));
      const lines = documented("nginx (server-side includes)", "nginx").replace(
        "127.0.0.1:8787",
        `127.0.0.1:${server.port}`,
      );
      const [http, inServer] = lines.split("# in the blog's server { }");
      if (!inServer?.includes("# … root, try_files, as before"))
        throw new Error("docs/seo.md's nginx lines changed shape: update this test");
      const nginx = await startNginx(
        dir,
        port,
        `${http}
  server {
    listen 127.0.0.1:${port};
${inServer.replace("# … root, try_files, as before", `root ${dir}/site;`)}
  }`,
      );
      stop = nginx.stop;
    });
    afterAll(async () => stop());

    it("serves the page with the thread inside the container", async () => {
      const html = await (await fetch(`${origin}${PAGE}`)).text();
      expect(html).not.toContain("<!--#");
      expect(html).toMatch(/<div id="causette"><section[^>]* data-causette-thread="oldest"/);
    });

    it("shows the comments with JavaScript disabled", async () => {
      const ctx = await browser.newContext({ javaScriptEnabled: false });
      const page = await ctx.newPage();
      await page.goto(`${origin}${PAGE}`);
      await expectReadable(page);
      await ctx.close();
    });
  },
);
