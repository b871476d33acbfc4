// The npm API's `mountComments` is live as the script tag is (issue #15): an app that bundles
// @causette/widget with Vite, served from another origin, in Chromium against the built
// server — another reader's comment is announced, not inserted; shown on request; an edit
// shows in place; unmounting closes the stream.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Request } from "playwright-core";
import type { Rollup } from "vite";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./harness/browser.js";
import { type RunningHost, startHost } from "./harness/host.js";
import { ROOT, type RunningServer, startServer } from "./harness/server.js";

const PAGE = "/npm/live/";
let server: RunningServer;
let host: RunningHost;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  [server, host, browser] = await Promise.all([
    startServer({ CAUSETTE_MODERATION: "none" }),
    startHost(),
    launchBrowser(),
  ]);
  dir = await mkdtemp(join(tmpdir(), "causette-npm-live-"));
  const entry = join(dir, "main.js");
  await writeFile(
    entry,
    `import { mountComments } from "@causette/widget";
window.unmount = mountComments(document.querySelector("#comments"), {
  server: ${JSON.stringify(server.url)},
  page: ${JSON.stringify(PAGE)},
});`,
  );
  const out = (await build({
    configFile: false,
    logLevel: "silent",
    root: dir,
    resolve: { alias: { "@causette/widget": join(ROOT, "packages/widget/dist/index.js") } },
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      write: false,
      modulePreload: false,
      rollupOptions: { input: entry, output: { entryFileNames: "main.js" } },
    },
  })) as Rollup.RollupOutput;
  for (const o of out.output)
    if (o.type === "chunk")
      host.set(`/${o.fileName}`, { body: o.code, headers: { "Content-Type": "text/javascript" } });
  host.set(
    "/post/",
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An app</title></head>
<body><main><article><h1>An app's post</h1><p>Words.</p></article><div id="comments"></div></main>
<script type="module" src="/main.js"></script></body></html>`,
  );
});
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop(), server?.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function write(body: string, name: string) {
  const res = await fetch(`${server.url}/api/comments`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ page: PAGE, author: { name }, body }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { comment: { id: string }; editToken: string };
}

describe("mountComments from npm, live", () => {
  it("announces another reader's comment, shows it on request, edits in place, and closes on unmount", async () => {
    const page = await (await browser.newContext()).newPage();
    const opened: string[] = [];
    const closed: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/events")) opened.push(r.url());
    });
    const ended = (r: Request) => {
      if (r.url().includes("/api/events")) closed.push(r.url());
    };
    page.on("requestfailed", ended);
    page.on("requestfinished", ended);
    await page.goto(`${host.origin}/post/`);
    await page.getByRole("heading", { name: "No comments yet" }).waitFor();
    await expect.poll(() => opened.length).toBe(1);

    const ana = await write("Written elsewhere.", "Ana");
    const told = page.getByRole("button", { name: "1 new comment — show" });
    await told.waitFor({ timeout: 5_000 });
    // Announced, not inserted: what the reader reads does not move.
    expect(await page.getByRole("article", { name: "Ana" }).count()).toBe(0);
    await told.click();
    await page.getByRole("article", { name: "Ana" }).waitFor();
    expect(await page.getByRole("heading", { name: "1 comment" }).count()).toBe(1);

    const edited = await fetch(`${server.url}/api/comments/${ana.comment.id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${ana.editToken}` },
      body: JSON.stringify({ body: "Written elsewhere, then edited." }),
    });
    expect(edited.status).toBe(200);
    await page.getByRole("article", { name: "Ana" }).getByText("then edited").waitFor({ timeout: 5_000 });

    // Unmounted: the stream is closed, and nothing of the thread or its notice is left.
    expect(closed).toEqual([]);
    await page.evaluate(() => (window as unknown as { unmount: () => void }).unmount());
    await expect.poll(() => closed.length).toBe(1);
    expect(opened).toHaveLength(1);
    expect(
      await page.evaluate(() => document.querySelector("#comments")!.shadowRoot!.childNodes.length),
    ).toBe(0);
    await page.context().close();
  });
});
