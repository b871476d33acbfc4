// The readers' e-mail boxes of the comment form (issue #14), end to end: the built server as
// a separate process with a real SMTP server (e2e/harness/smtp-sink.py), a host page on
// another origin in Chromium. A reader types an e-mail, ticks the box with the keyboard,
// posts, and receives the confirmation e-mail; the boxes pass axe, in English and French.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../scripts/built-server.mjs";
import { hostPage, ready } from "./comments-helpers.js";
import { axe, launchBrowser } from "./harness/browser.js";
import { type RunningHost, startHost } from "./harness/host.js";
import { type RunningServer, startServer } from "./harness/server.js";
import { type SmtpSink, startSink } from "./harness/smtp.js";

let dir: string;
let sink: SmtpSink;
let server: RunningServer;
let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "causette-mail-form-"));
  [sink, host, browser] = await Promise.all([
    freePort().then((p) => startSink(join(dir, "mail"), p)),
    startHost(),
    launchBrowser(),
  ]);
  const port = await freePort();
  server = await startServer({
    CAUSETTE_PORT: String(port),
    CAUSETTE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    CAUSETTE_ORIGINS: host.origin,
    CAUSETTE_DB: join(dir, "causette.db"),
    CAUSETTE_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    CAUSETTE_MAIL_FROM: "Blog comments <comments@blog.test>",
    CAUSETTE_OUTBOX_POLL_MS: "200",
    CAUSETTE_OUTBOX_RETRY_MS: "300",
    CAUSETTE_LOG: "off",
  });
});
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop(), server?.stop()]);
  await sink?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function open(path: string, lang = "en"): Promise<Page> {
  host.set(path, hostPage(server.url, { lang }));
  const page = await browser.newPage();
  page.on("pageerror", (e) => {
    throw e;
  });
  await page.goto(`${host.origin}${path}`);
  await ready(page);
  return page;
}

const REPLIES = "E-mail me replies to my comment";
const ALL = "E-mail me all new comments on this post";

describe("the e-mail boxes of the comment form", () => {
  it("the server's HTML says nothing of them; they show once an e-mail is typed", async () => {
    const html = await (await fetch(`${server.url}/api/comments.html?page=/quiet/`)).text();
    expect(html).toContain('name="email"');
    expect(html).not.toContain('name="notify"');
    const page = await open("/quiet/");
    expect(await page.getByRole("checkbox", { name: REPLIES }).count()).toBe(0);
    await page.getByRole("textbox", { name: "E-mail", exact: true }).fill("someone@example.test");
    await page.getByRole("checkbox", { name: REPLIES }).waitFor();
    await expect(page.getByRole("checkbox", { name: ALL }).isChecked()).resolves.toBe(false);
    await page.getByRole("textbox", { name: "E-mail", exact: true }).fill("");
    await page.getByRole("checkbox", { name: REPLIES }).waitFor({ state: "detached" });
    await page.close();
  });

  it("a reader ticks the box with the keyboard, posts, and receives the confirmation e-mail", async () => {
    const page = await open("/letters/");
    await page.getByRole("textbox", { name: "Comment", exact: true }).fill("Tell me when someone answers");
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Ana");
    const email = page.getByRole("textbox", { name: "E-mail", exact: true });
    await email.fill("Ana@Example.test");
    const box = page.getByRole("checkbox", { name: REPLIES });
    await box.waitFor();
    // Keyboard only: from the e-mail field, Tab through the website and "Remember me".
    await email.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
    await expect(box.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).resolves.toBe(
      true,
    );
    await page.keyboard.press("Space");
    await expect(box.isChecked()).resolves.toBe(true);
    await page.getByRole("button", { name: "Post comment" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /posted|held/ })
      .waitFor();
    const [mail] = await sink.waitFor((m) => m.to.includes("ana@example.test"));
    expect(mail!.subject).toMatch(/Confirm/);
    expect(mail!.text).toContain("/mail/confirm");
    await page.close();
  });

  it("a reader on a French page receives the confirmation, and its page, in French", async () => {
    const page = await open("/lettres/", "fr");
    await page.getByRole("textbox", { name: "Commentaire", exact: true }).fill("Prévenez-moi des réponses");
    await page.getByRole("textbox", { name: "Nom", exact: true }).fill("Élise");
    await page.getByRole("textbox", { name: "E-mail", exact: true }).fill("elise@example.test");
    await page
      .getByRole("checkbox", { name: "M’envoyer un e-mail pour les réponses à mon commentaire" })
      .check();
    await page.getByRole("button", { name: "Publier" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /publié|envoyé/ })
      .waitFor();
    const [mail] = await sink.waitFor((m) => m.to.includes("elise@example.test"));
    // The server's CAUSETTE_MAIL_LANG is English (the default): the page's language wins.
    expect(mail!.subject).toBe("Confirmez votre adresse pour les notifications de commentaires");
    expect(mail!.html).toContain('<html lang="fr">');
    const url = mail!.text!.match(/https?:\/\/\S+\/mail\/confirm\S+/)![0];
    const confirm = await browser.newPage();
    await confirm.goto(url);
    await confirm.getByRole("button", { name: "Confirmer mon adresse" }).click();
    await confirm.getByText("Merci : elise@example.test est confirmée.", { exact: false }).waitFor();
    await confirm.close();
    // The English reader of the test before was written to in English.
    expect(sink.messages().find((m) => m.to.includes("ana@example.test"))!.subject).toMatch(/^Confirm your/);
    await page.close();
  });

  it("posts no notify when no box is ticked: no e-mail is sent", async () => {
    const page = await open("/letters-2/");
    await page.getByRole("textbox", { name: "Comment", exact: true }).fill("No letters please");
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Bo");
    await page.getByRole("textbox", { name: "E-mail", exact: true }).fill("bo@example.test");
    await page.getByRole("checkbox", { name: REPLIES }).waitFor();
    await page.getByRole("button", { name: "Post comment" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /posted|held/ })
      .waitFor();
    // The outbox polls every 200 ms: a confirmation would have come by now.
    await new Promise((r) => setTimeout(r, 1500));
    expect(sink.messages().filter((m) => m.to.includes("bo@example.test"))).toEqual([]);
    await page.close();
  });

  for (const lang of ["en", "fr"]) {
    it(`axe finds no violation with the boxes shown (${lang})`, async () => {
      const page = await open(`/axe-${lang}/`, lang);
      await page.getByRole("textbox", { name: "E-mail", exact: true }).fill("c@example.test");
      const name = lang === "fr" ? "M’envoyer un e-mail pour chaque nouveau commentaire de cet article" : ALL;
      await page.getByRole("checkbox", { name }).check();
      const violations = await axe(page, "#causette");
      expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
      await page.close();
    });
  }
});
