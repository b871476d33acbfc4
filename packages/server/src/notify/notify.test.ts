import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { adminLogin, json, post, type TestApp, testApp } from "../test-utils/app.js";
import { messageIdOf } from "./notify.js";
import { htmlToText, oneLine, replyMail, unlinked } from "./render.js";
import { mailSettings } from "./settings.js";

const PASSWORD = "correct horse battery staple";
// A relay that is never reached: these tests stop before sending (the outbox is not started).
const MAIL = mailSettings({
  CAUSETTE_SMTP_URL: "smtp://127.0.0.1:9",
  CAUSETTE_OWNER_EMAIL: "owner@blog.test",
});

describe("e-mail settings", () => {
  it("needs CAUSETTE_PUBLIC_URL with a relay, and refuses what could break a header", () => {
    expect(() => loadConfig({ CAUSETTE_SMTP_URL: "smtp://localhost:25" })).toThrow(/CAUSETTE_PUBLIC_URL/);
    expect(() => mailSettings({ CAUSETTE_SMTP_URL: "http://x" })).toThrow(/smtp:/);
    expect(() => mailSettings({ CAUSETTE_OWNER_EMAIL: "a@b.test\r\nBcc: c@d.test" })).toThrow();
    expect(() => mailSettings({ CAUSETTE_OWNER_NOTIFY: "some" })).toThrow(/all, pending or none/);
    expect(mailSettings({ CAUSETTE_OWNER_EMAIL: "Owner@Blog.test" })).toMatchObject({
      ownerEmail: "owner@blog.test",
      ownerNotify: "all",
      smtpUrl: null,
    });
  });
});

describe("Message-ID", () => {
  it("is the outbox message's own: the same on every attempt, one per message, a valid msg-id", () => {
    const id = messageIdOf({ id: 42, key: "17:mail:ab_C-9:reply" }, "https://comments.example.org/x");
    expect(id).toBe("<causette.42.17-mail-ab-C-9-reply@comments.example.org>");
    expect(messageIdOf({ id: 42, key: "17:mail:ab_C-9:reply" }, "https://comments.example.org/")).toBe(id);
    expect(messageIdOf({ id: 43, key: "17:owner:owner" }, "https://comments.example.org/")).not.toBe(id);
    expect(messageIdOf({ id: 1, key: "a\r\nBcc: x@y>" }, "http://127.0.0.1:8080")).toBe(
      "<causette.1.a-Bcc-x-y-@127.0.0.1>",
    );
  });
});

describe("rendering hostile input", () => {
  it("subjects are one line; comment links are dropped, their words kept; text is plain", () => {
    expect(oneLine("a\r\nBcc: x@y\u2028z\u0000")).toBe("a Bcc: x@y z");
    expect(unlinked('<p>see <a href="https://evil.test/" rel="nofollow">this</a></p>')).toBe(
      "<p>see this</p>",
    );
    expect(htmlToText("<p>a &amp; b &lt;i&gt;</p><p>c</p>")).toBe("a & b <i>\n\nc");
    const mail = replyMail(
      "fr",
      "default",
      [
        {
          id: "c1",
          authorName: "Bob\r\nX-Evil: 1",
          html: "<p>Salut</p>",
          pageTitle: "Titre <b>",
          pageUrl: "javascript:alert(1)",
          why: "page",
        },
      ],
      {
        manage: "https://c.test/mail/manage?a=1&t=2",
        unsubscribe: "https://c.test/mail/unsubscribe?a=1&t=2",
      },
    );
    expect(mail.subject).toBe("Bob X-Evil: 1 a répondu sur « Titre <b> »");
    expect(mail.html).toContain("Bob X-Evil: 1 a commenté");
    expect(mail.html).toContain("Titre &#60;b&#62;");
    expect(mail.html).not.toContain("javascript:");
    expect(mail.text).toContain("Me désabonner de tout: https://c.test/mail/unsubscribe?a=1&t=2");
  });
});

describe("a commenter's e-mail data", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ adminPassword: PASSWORD, publicUrl: "http://127.0.0.1:1", mail: MAIL });
  });
  afterAll(async () => t?.cleanup());

  it("is never returned by the public API, and the owner deletes it with its subscriptions and messages", async () => {
    const res = await t.call(
      "POST",
      "/api/comments",
      post("/p/", { author: { name: "Ana", email: "Ana@X.test" }, notify: "all" }),
    );
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toMatch(/x\.test/i);
    const thread = await json(await t.call("GET", "/api/comments?page=/p/"));
    expect(thread.mail).toBe(true);
    expect(JSON.stringify(thread)).not.toMatch(/x\.test/i);
    const address = await t.store.subscriptions.findAddress("default", "ana@x.test");
    expect(address).not.toBeNull();
    expect(await t.store.subscriptions.list(address!.id)).toHaveLength(1);
    expect((await t.store.outbox.list({ limit: 10 })).map((m) => m.recipient)).toContain(
      `mail:${address!.id}`,
    );

    const cookie = await adminLogin(t, PASSWORD);
    const forget = await t.call(
      "POST",
      "/api/admin/mail/forget",
      { email: "ANA@x.test" },
      { Cookie: cookie },
    );
    expect(forget.status).toBe(200);
    expect(await json(forget)).toEqual({ addresses: 1, messages: 1 });
    expect(await t.store.subscriptions.findAddress("default", "ana@x.test")).toBeNull();
    expect(await t.store.subscriptions.list(address!.id)).toEqual([]);
  });

  it("refuses notify without an e-mail, and ignores it on a server that sends none", async () => {
    const res = await t.call("POST", "/api/comments", post("/p/", { notify: "replies" }));
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatchObject({ code: "invalid_field", field: "notify" });
    // An author's address that no e-mail should go to: no dot, or what could split a header.
    for (const email of ["ana@localhost", "ana@x.test>, eve@y.test"]) {
      const bad = await t.call(
        "POST",
        "/api/comments",
        post("/p/", { author: { name: "A", email }, notify: "all" }),
      );
      expect(bad.status).toBe(400);
      expect((await json(bad)).error).toMatchObject({ code: "invalid_field", field: "author.email" });
    }
    const plain = await testApp();
    try {
      const ok = await plain.call(
        "POST",
        "/api/comments",
        post("/p/", { author: { name: "A", email: "a@b.test" }, notify: "all" }),
      );
      expect(ok.status).toBe(201);
      expect((await json(await plain.call("GET", "/api/comments?page=/p/"))).mail).toBe(false);
      expect(await plain.store.subscriptions.findAddress("default", "a@b.test")).toBeNull();
    } finally {
      await plain.cleanup();
    }
  });
});
