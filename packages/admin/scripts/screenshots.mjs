#!/usr/bin/env node
// Pictures of the moderation page for docs/moderation.md: a real server (the built one) with
// a few comments, driven in Debian's Chromium. Run after `pnpm build`:
//   node packages/admin/scripts/screenshots.mjs
import { createServer } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../../../scripts/built-server.mjs";
import { launchChromium } from "../../../scripts/ensure-chromium.mjs";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const out = join(root, "docs/images");
const PASSWORD = "screenshots only";

// Webhooks for the Deliveries view: a chat relay that takes them, and one that is down.
const receiver = createServer((req, res) => {
  req.resume();
  req.on("end", () => res.writeHead(req.url === "/down" ? 503 : 204).end());
});
await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
const hooks = `http://127.0.0.1:${receiver.address().port}`;

// The posts' pages are on https://blog.example: allowed, so that their comments name them.
const server = await startServer(
  {
    CAUSETTE_ADMIN_PASSWORD: PASSWORD,
    CAUSETTE_MODERATION: "first",
    CAUSETTE_ORIGINS: "https://blog.example",
    CAUSETTE_WEBHOOK_URL: `${hooks}/relay ${hooks}/down`,
    CAUSETTE_WEBHOOK_ALLOW_PRIVATE: "1",
    CAUSETTE_OUTBOX_POLL_MS: "100",
    CAUSETTE_OUTBOX_RETRY_MS: "100",
    CAUSETTE_OUTBOX_MAX_ATTEMPTS: "3",
  },
  ["--quiet"],
);
const { url } = server;

const post = async (page, title, name, email, body) => {
  const res = await fetch(`${url}/api/comments`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      page,
      pageTitle: title,
      pageUrl: `https://blog.example${page}`,
      author: { name, email },
      body,
    }),
  });
  return (await res.json()).comment.id;
};
const fr = ["/2016/08/arreter-de-s-organiser/", "Arrêter de s’organiser"];
const en = ["/2024/03/slow-mornings/", "Slow mornings"];
await post(...fr, "Marie", "marie@example.org", "Merci pour cet article, il tombe **pile** au bon moment.");
await post(
  ...en,
  "Cheap Deals",
  "deals@spam.test",
  "Best prices https://a.example https://b.example https://c.example",
);
await post(...en, "Jon", "jon@example.org", "I tried this for a month. The *first week* was the hardest.");

const browser = await launchChromium();
async function shot(name, { scheme = "light", width = 1100, height = 760, full = false, act }) {
  const ctx = await browser.newContext({
    colorScheme: scheme,
    viewport: { width, height },
    deviceScaleFactor: 1,
  });
  const page = await ctx.newPage();
  await page.goto(`${url}/admin/`);
  await page.getByLabel("Admin password").waitFor();
  if (act) await act(page);
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: full });
  await ctx.close();
  console.log(`docs/images/${name}.png`);
}
const login = async (page) => {
  await page.getByLabel("Admin password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("article").first().waitFor();
};
try {
  await shot("admin-login", { height: 420, act: async (p) => p.getByLabel("Admin password").fill(PASSWORD) });
  await shot("admin-queue-light", { act: login });
  await shot("admin-queue-dark", { scheme: "dark", act: login });
  await shot("admin-phone", {
    width: 360,
    height: 780,
    act: async (p) => {
      await login(p);
      await p.getByRole("article", { name: "Jon" }).getByRole("button", { name: "Reply" }).click();
      await p.getByRole("article", { name: "Jon" }).scrollIntoViewIfNeeded();
    },
  });
  await shot("admin-ban", {
    height: 640,
    act: async (p) => {
      await login(p);
      const card = p.getByRole("article", { name: "Cheap Deals" });
      await card.getByRole("button", { name: "Ban author" }).click();
      await card.evaluate((el) => el.scrollIntoView({ block: "start" }));
      await p.mouse.move(0, 0);
    },
  });
  await shot("admin-pages", {
    height: 420,
    act: async (p) => {
      await login(p);
      await p.getByRole("link", { name: "Pages" }).click();
      await p.getByRole("heading", { name: fr[1] }).waitFor();
      await p
        .getByRole("button", { name: /Lock thread/ })
        .first()
        .click();
      await p.getByRole("button", { name: /Unlock thread/ }).waitFor();
    },
  });
  await shot("admin-import-export", {
    height: 520,
    act: async (p) => {
      await login(p);
      await p.getByRole("link", { name: "Import and export" }).click();
      await p.getByRole("button", { name: "Download the export" }).waitFor();
    },
  });
  await shot("admin-deliveries", {
    height: 640,
    act: async (p) => {
      await login(p);
      await p.getByRole("link", { name: "Deliveries" }).click();
      // The relay that is down: three attempts, then given up.
      for (;;) {
        await p.getByRole("button", { name: "Refresh" }).click();
        await p.waitForFunction(() => !document.querySelector("[aria-busy=true]"));
        if ((await p.getByText("Dead: given up", { exact: true }).count()) >= 4) break;
        await p.waitForTimeout(200);
      }
    },
  });
  await shot("admin-shortcuts", {
    height: 720,
    act: async (p) => {
      await login(p);
      await p.keyboard.press("?");
      await p.getByRole("dialog").waitFor();
    },
  });
} finally {
  await browser.close();
  await server.stop();
  receiver.close();
}
