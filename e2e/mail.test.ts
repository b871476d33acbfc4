// Reply e-mails, owner alerts and the outbox, end to end: the built server as a separate
// process, a real SMTP server in its own process (aiosmtpd), links followed in Chromium.
// Runs on SQLite, and on PostgreSQL when DATABASE_URL is set.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../scripts/built-server.mjs";
import { launchBrowser } from "./harness/browser.js";
import { type RunningServer, startServer } from "./harness/server.js";
import { header, type ReceivedMail, type SmtpSink, startSink } from "./harness/smtp.js";

const PG = process.env.DATABASE_URL || "";
const targets = [{ label: "sqlite", pg: false }, ...(PG ? [{ label: "postgres", pg: true }] : [])];

/** A fresh PostgreSQL schema (psql) and the URL that uses it. */
function pgSchema(name: string): { url: string; drop: () => void } {
  const schema = `e2e_${name}_${process.pid}`;
  const run = (sql: string) => execFileSync("psql", [PG, "-qc", sql], { stdio: "pipe" });
  run(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const url = new URL(PG);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

const PAGE = "/posts/letters/";
const PAGE_URL = "http://blog.test/posts/letters/";
/** What a mail provider sends to a List-Unsubscribe URL (RFC 8058): form-encoded, no cookie, no Origin unless given. */
const oneClick = (url: string, origin?: string) =>
  fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(origin ? { Origin: origin } : {}) },
    body: "List-Unsubscribe=One-Click",
  });
const linkIn = (text: string | null, path: string): string => {
  const m = text?.match(new RegExp(`https?://[^\\s"<>]+${path}[^\\s"<>]*`));
  if (!m) throw new Error(`no ${path} link in:\n${text}`);
  return m[0].replace(/&amp;/g, "&");
};

// The SQLite and PostgreSQL runs share nothing (their own server, SMTP process, browser
// and folder), and most of their time is waiting (grouping windows, retries, silences):
// they run side by side, each one's steps in order.
for (const target of targets) {
  describe.concurrent(`e-mail through the outbox (${target.label})`, () => {
    let dir: string;
    let sink: SmtpSink;
    let server: RunningServer;
    let browser: Browser;
    let env: Record<string, string>;
    let dropSchema: (() => void) | null = null;

    const to = (addr: string) => (m: ReceivedMail) => m.to.includes(addr);

    let formToken = "";
    // biome-ignore lint/suspicious/noExplicitAny: the API's answers, read loosely in a test.
    async function post(body: Record<string, unknown>): Promise<{ status: number; json: any }> {
      const res = await fetch(`${server.url}/api/comments`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: "http://blog.test" },
        body: JSON.stringify({ page: PAGE, pageUrl: PAGE_URL, pageTitle: "Letters", formToken, ...body }),
      });
      return { status: res.status, json: await res.json() };
    }

    /** Opens a link in Chromium, checks the page changed nothing, presses its button; returns the page's text after. */
    async function follow(url: string, button?: string): Promise<string> {
      const page = await browser.newPage();
      try {
        await page.goto(url);
        const before = await page.textContent("main");
        await page
          .getByRole("button", button ? { name: button } : {})
          .first()
          .click();
        await page.waitForLoadState("load");
        await page.waitForFunction((b) => document.querySelector("main")?.textContent !== b, before);
        return (await page.textContent("main")) ?? "";
      } finally {
        await page.close();
      }
    }

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "causette-mail-"));
      const smtpPort = await freePort();
      sink = await startSink(join(dir, "mail"), smtpPort);
      const port = await freePort();
      env = {
        CAUSETTE_PORT: String(port),
        CAUSETTE_PUBLIC_URL: `http://127.0.0.1:${port}`,
        CAUSETTE_ORIGINS: "http://blog.test",
        CAUSETTE_DB: join(dir, "causette.db"),
        CAUSETTE_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        CAUSETTE_MAIL_FROM: "Blog comments <comments@blog.test>",
        CAUSETTE_OWNER_EMAIL: "owner@blog.test",
        CAUSETTE_MODERATION: "first",
        CAUSETTE_ADMIN_PASSWORD: "correct horse battery staple",
        CAUSETTE_MAIL_GROUP_SECONDS: "3",
        CAUSETTE_OUTBOX_POLL_MS: "200",
        CAUSETTE_OUTBOX_RETRY_MS: "300",
        // A server killed while it holds a message's lease leaves it until the lease ends (2
        // minutes by default): the kill -9 test would wait that long when the kill lands then.
        CAUSETTE_OUTBOX_LEASE_MS: "3000",
        CAUSETTE_LOG: "off",
      };
      if (target.pg) {
        const schema = pgSchema(`mail_${target.label}`);
        env.DATABASE_URL = schema.url;
        dropSchema = schema.drop;
      }
      server = await startServer(env);
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await sink?.stop();
      dropSchema?.();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    let ana: string;

    it.sequential("says it can send mail, and refuses notify without an e-mail", async () => {
      const thread = await (await fetch(`${server.url}/api/comments?page=${PAGE}`)).json();
      expect(thread.mail).toBe(true);
      // A form rendered now: old enough for the spam rules by the time the next tests post.
      formToken = thread.formToken;
      const refused = await post({ author: { name: "X" }, body: "hi", notify: "replies" });
      expect(refused.status).toBe(400);
      expect(refused.json.error).toMatchObject({ code: "invalid_field", field: "notify" });
      const bad = await post({
        author: { name: "X", email: "a@b.test, c@d.test" },
        body: "hi",
        notify: "all",
      });
      expect(bad.status).toBe(400);
    });

    it.sequential("a held comment: the owner's alert and the reader's one confirmation; both links work in Chromium", async () => {
      const res = await post({
        author: { name: "Ana", email: "Ana@Example.test" },
        body: "First letter",
        notify: "replies",
      });
      expect(res.status).toBe(201);
      expect(res.json.comment.status).toBe("pending");
      expect(JSON.stringify(res.json)).not.toContain("example.test");
      ana = res.json.comment.id;
      const [alert] = await sink.waitFor(to("owner@blog.test"));
      expect(alert!.subject).toContain("Ana");
      expect(alert!.text).toContain("First letter");
      expect(alert!.text).toMatch(/held for moderation/);
      const [confirm] = await sink.waitFor(to("ana@example.test"));
      expect(confirm!.subject).toMatch(/Confirm/);
      expect(confirm!.from).toBe("comments@blog.test");
      expect(header(confirm!, "List-Unsubscribe-Post")).toEqual(["List-Unsubscribe=One-Click"]);
      expect(confirm!.html).toContain("/mail/confirm");
      // A second request from the same address is not asked again.
      await post({
        author: { name: "Ana", email: "ana@example.test" },
        body: "Second letter",
        notify: "all",
      });

      // GET only shows the page (a link scanner confirms nothing): the button confirms.
      const confirmUrl = linkIn(confirm!.text, "/mail/confirm");
      const prefetch = await fetch(confirmUrl);
      expect(prefetch.status).toBe(200);
      expect(await follow(confirmUrl)).toMatch(/is confirmed/);
      // Approve Ana's comment from the owner's alert, without logging in.
      expect(await follow(linkIn(alert!.text, "/mail/moderate\\?c="))).not.toBe("");
      const approveUrl = linkIn(alert!.text, "do=approve");
      expect(await follow(approveUrl)).toMatch(/approved/);
      const thread = await (await fetch(`${server.url}/api/comments?page=${PAGE}`)).json();
      expect(thread.comments.map((c: { id: string }) => c.id)).toContain(ana);
      expect(sink.messages().filter(to("ana@example.test"))).toHaveLength(1);
    });

    it.sequential("a held reply is silent until approved; then one e-mail with both parts, headers and a working link", async () => {
      const reply = await post({
        parentId: ana,
        author: { name: "Bob", email: "bob@example.test" },
        body: "Dear **Ana**",
      });
      expect(reply.json.comment.status).toBe("pending");
      const [alert] = await sink.waitFor((m) => to("owner@blog.test")(m) && m.subject.includes("Bob"));
      await new Promise((r) => setTimeout(r, 1200));
      expect(sink.messages().filter(to("ana@example.test"))).toHaveLength(1);
      await follow(linkIn(alert!.text, "do=approve"));
      const approved = Date.now();
      const [mail] = await sink.waitFor((m) => to("ana@example.test")(m) && m.subject.includes("Bob"));
      // Within seconds: the first reply e-mail to an address is never held back.
      expect(Date.now() - approved).toBeLessThan(4000);
      expect(mail!.subject).toBe("Bob replied on “Letters”");
      expect(mail!.html).toContain("<strong>Ana</strong>");
      expect(mail!.text).toContain("Dear Ana");
      expect(mail!.text).toContain(`${PAGE_URL}#comment-${reply.json.comment.id}`);
      const unsubscribe = header(mail!, "List-Unsubscribe")[0]!;
      expect(unsubscribe).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/mail\/unsubscribe\?a=.+>$/);
      expect(header(mail!, "List-Unsubscribe-Post")).toEqual(["List-Unsubscribe=One-Click"]);
      expect(mail!.text).toContain("/mail/manage");
    });

    it.sequential("groups the replies that follow within the window; nobody is told of their own comment", async () => {
      const before = sink.messages().filter(to("ana@example.test")).length;
      await post({ parentId: ana, author: { name: "Bob", email: "bob@example.test" }, body: "One more" });
      await post({ parentId: ana, author: { name: "Bob", email: "bob@example.test" }, body: "And another" });
      await post({ parentId: ana, author: { name: "Ana", email: "ana@example.test" }, body: "My own" });
      const mails = await sink.waitFor(to("ana@example.test"), before + 1, 10_000);
      const grouped = mails.at(-1)!;
      expect(grouped.subject).toBe("2 new comments on “Letters”");
      expect(grouped.text).toContain("One more");
      expect(grouped.text).toContain("And another");
      expect(grouped.text).not.toContain("My own");
      await new Promise((r) => setTimeout(r, 1500));
      expect(sink.messages().filter(to("ana@example.test"))).toHaveLength(before + 1);
    });

    it.sequential("hostile input: no header injection, no unsanitized markup, links only to the blog and the server", async () => {
      const before = sink.messages().filter(to("ana@example.test")).length;
      await new Promise((r) => setTimeout(r, 3200)); // past the grouping window
      const res = await post({
        parentId: ana,
        pageTitle: "Title\r\nBcc: victim@evil.test",
        author: { name: "Bob", email: "bob@example.test" },
        body: "<script>alert(1)</script> <img src=x onerror=alert(1)> [a link](https://evil.test/)",
      });
      expect(res.status).toBe(201);
      const mails = await sink.waitFor(to("ana@example.test"), before + 1, 10_000);
      const mail = mails.at(-1)!;
      expect(mail.to).toEqual(["ana@example.test"]);
      expect(header(mail, "Bcc")).toEqual([]);
      expect(mail.subject).not.toMatch(/[\r\n]/);
      // The reader's markup arrives as text, never as tags or attributes.
      expect(mail.html).not.toMatch(/<script|<img|<[^>]*\son\w+=|href="javascript:/i);
      expect(mail.html).toContain("&lt;script&gt;");
      expect(mail.text).toContain("a link");
      const hrefs = [...mail.html!.matchAll(/href="([^"]+)"/g)].map(
        (m) => new URL(m[1]!.replace(/&amp;/g, "&")).origin,
      );
      expect(new Set(hrefs)).toEqual(new Set(["http://blog.test", server.url]));
      for (const m of sink.messages()) expect(m.to.join()).not.toContain("evil");
    });

    it.sequential("nothing reaches an address that never confirmed", async () => {
      await post({
        author: { name: "Carol", email: "carol@example.test" },
        body: "Following",
        notify: "all",
      });
      await sink.waitFor(to("carol@example.test"));
      await post({ author: { name: "Bob", email: "bob@example.test" }, body: "New root for the page" });
      await new Promise((r) => setTimeout(r, 1500));
      const carol = sink.messages().filter(to("carol@example.test"));
      expect(carol).toHaveLength(1);
      expect(carol[0]!.subject).toMatch(/Confirm/);
    });

    it.sequential("retries after the SMTP server was down for a while", async () => {
      await new Promise((r) => setTimeout(r, 3200));
      const before = sink.messages().filter(to("ana@example.test")).length;
      await sink.stop();
      await post({
        parentId: ana,
        author: { name: "Bob", email: "bob@example.test" },
        body: "While the relay is down",
      });
      await new Promise((r) => setTimeout(r, 1500));
      await sink.start();
      const mails = await sink.waitFor(to("ana@example.test"), before + 1, 15_000);
      expect(mails.at(-1)!.text).toContain("While the relay is down");
    });

    it.sequential("an acknowledged reply survives kill -9 of the server; the restarted server sends it", async () => {
      await new Promise((r) => setTimeout(r, 3200));
      const before = sink.messages().filter(to("ana@example.test")).length;
      await sink.stop();
      const res = await post({
        parentId: ana,
        author: { name: "Bob", email: "bob@example.test" },
        body: "Before the crash",
      });
      expect(res.status).toBe(201);
      await server.crash();
      await sink.start();
      server = await startServer(env);
      const mails = await sink.waitFor(to("ana@example.test"), before + 1, 15_000);
      expect(mails.at(-1)!.text).toContain("Before the crash");
    });

    const LETTRES = {
      page: "/posts/lettres/",
      pageUrl: "http://blog.test/posts/lettres/",
      pageTitle: "Lettres",
    };
    let dan: ReceivedMail;

    it.sequential("a reader of a French page is written to in French on the same server (en for the others)", async () => {
      await post({
        ...LETTRES,
        lang: "fr-FR",
        author: { name: "Dan", email: "dan@example.test" },
        body: "Prévenez-moi",
        notify: "all",
      });
      const [confirm] = await sink.waitFor(to("dan@example.test"));
      expect(confirm!.subject).toBe("Confirmez votre adresse pour les notifications de commentaires");
      expect(confirm!.text).toContain("Me désabonner de tout");
      const page = await browser.newPage();
      try {
        await page.goto(linkIn(confirm!.text, "/mail/confirm"));
        expect(await page.getAttribute("html", "lang")).toBe("fr");
        await page.getByRole("button", { name: "Confirmer mon adresse" }).click();
        await page.getByText("Merci : dan@example.test est confirmée.", { exact: false }).waitFor();
      } finally {
        await page.close();
      }
      await post({ ...LETTRES, author: { name: "Bob", email: "bob@example.test" }, body: "Bonjour Dan" });
      const [mail] = await sink.waitFor((m) => to("dan@example.test")(m) && m.text!.includes("Bonjour Dan"));
      expect(mail!.subject).toBe("Bob a répondu sur « Lettres »");
      expect(mail!.text).toContain("Bob a commenté « Lettres » :");
      expect(mail!.text).toContain("Gérer mes notifications par e-mail");
      expect(await (await fetch(linkIn(mail!.text, "/mail/manage"))).text()).toContain(
        "Chaque nouveau commentaire sur « Lettres »",
      );
      // Ana's page said nothing of its language: the server's (en) it is.
      expect(sink.messages().filter(to("ana@example.test")).at(-1)!.subject).toMatch(/replied|new comments/);
      dan = mail!;
    });

    it.sequential("a reply e-mail queued before an unsubscribe is dropped when it is due: nothing arrives, the delivery says why", async () => {
      await new Promise((r) => setTimeout(r, 3200)); // past the grouping window
      const before = sink.messages().filter(to("dan@example.test")).length;
      const unsubscribe = header(dan, "List-Unsubscribe")[0]!.slice(1, -1);
      const recipient = `mail:${new URL(unsubscribe).searchParams.get("a")}`;
      const login = await fetch(`${server.url}/api/admin/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ password: env.CAUSETTE_ADMIN_PASSWORD }),
      });
      const cookie = (login.headers.get("Set-Cookie") ?? "").split(";")[0]!;
      // biome-ignore lint/suspicious/noExplicitAny: the API's answer, read loosely in a test.
      const delivery = async (): Promise<any> => {
        const res = await fetch(`${server.url}/api/admin/deliveries?channel=email&limit=200`, {
          headers: { Cookie: cookie },
        });
        const { deliveries } = await res.json();
        // biome-ignore lint/suspicious/noExplicitAny: as above.
        return deliveries.find((d: any) => d.recipient === recipient && d.kind === "reply");
      };
      await sink.stop();
      await post({
        ...LETTRES,
        author: { name: "Bob", email: "bob@example.test" },
        body: "Pendant la panne",
      });
      // Tried, and failed: the relay is down.
      for (let i = 0; i < 50 && (await delivery())?.status !== "retrying"; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(await delivery()).toMatchObject({ status: "retrying" });
      const res = await oneClick(unsubscribe);
      expect(res.status).toBe(200);
      await sink.start();
      for (let i = 0; i < 50 && (await delivery())?.status === "retrying"; i++)
        await new Promise((r) => setTimeout(r, 100));
      const row = await delivery();
      expect(row).toMatchObject({
        status: "dropped",
        lastError: "unsubscribed or unpublished",
        sentAt: null,
      });
      expect(row.attempts).toBeGreaterThanOrEqual(1);
      await new Promise((r) => setTimeout(r, 1000));
      expect(sink.messages().filter(to("dan@example.test"))).toHaveLength(before);
    });

    it.sequential("one-click unsubscribe (RFC 8058): a form POST without Origin or cookie; then nothing more", async () => {
      const last = sink.messages().filter(to("ana@example.test")).at(-1)!;
      const url = header(last, "List-Unsubscribe")[0]!.slice(1, -1);
      // A mail provider's request: form-encoded, no Origin, no cookie. A foreign Origin is refused.
      const foreign = await oneClick(url, "http://blog.test");
      expect(foreign.status).toBe(403);
      const res = await oneClick(url);
      expect(res.status).toBe(200);
      const count = sink.messages().filter(to("ana@example.test")).length;
      await new Promise((r) => setTimeout(r, 3200));
      await post({
        parentId: ana,
        author: { name: "Bob", email: "bob@example.test" },
        body: "After unsubscribing",
      });
      await new Promise((r) => setTimeout(r, 1500));
      expect(sink.messages().filter(to("ana@example.test"))).toHaveLength(count);
      // The manage page shows nothing left.
      expect(await (await fetch(linkIn(last.text, "/mail/manage"))).text()).toMatch(/receives no e-mail/);
    });

    it.sequential("the owner's alerts: one-click unsubscribe turns them off (kept in the database); their page turns them back on", async () => {
      const alerts = () => sink.messages().filter(to("owner@blog.test"));
      const alert = alerts().at(-1)!;
      const url = header(alert, "List-Unsubscribe")[0]!.slice(1, -1);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mail\/owner\/unsubscribe\?t=\w+$/);
      expect(header(alert, "List-Unsubscribe-Post")).toEqual(["List-Unsubscribe=One-Click"]);
      const manage = linkIn(alert.text, "/mail/owner\\?t=");
      expect(alert.html).toContain("Manage my alerts");
      // A forged token opens nothing; a foreign Origin is refused.
      const forged = await oneClick(url.replace(/t=\w+/, "t=0123456789abcdef0123456789abcdef"));
      expect(forged.status).toBe(404);
      const foreign = await oneClick(url, "http://blog.test");
      expect(foreign.status).toBe(403);
      const res = await oneClick(url);
      expect(res.status).toBe(200);
      const count = alerts().length;
      await post({ author: { name: "Eve", email: "eve@example.test" }, body: "Nobody is told" });
      await new Promise((r) => setTimeout(r, 1500));
      expect(alerts()).toHaveLength(count);
      // Kept in the database: a restarted server still sends none.
      await server.stop();
      server = await startServer(env);
      await post({ author: { name: "Eve", email: "eve@example.test" }, body: "Still nobody" });
      await new Promise((r) => setTimeout(r, 1500));
      expect(alerts()).toHaveLength(count);
      expect(await follow(manage, "Turn my alerts back on")).toMatch(/receives alerts again/);
      await post({ author: { name: "Eve", email: "eve@example.test" }, body: "Told again" });
      const [back] = await sink.waitFor(
        (m) => to("owner@blog.test")(m) && Boolean(m.text?.includes("Told again")),
      );
      expect(back!.subject).toContain("Eve");
    });
  });
}
