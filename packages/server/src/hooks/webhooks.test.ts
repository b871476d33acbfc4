/**
 * Webhooks end to end: the app, the outbox's loops, and a receiver — a real HTTP server —
 * that checks every delivery as the Standard Webhooks spec tells a receiver to, with its own
 * code (not hooks/sign.ts). On SQLite and, when DATABASE_URL is set, PostgreSQL.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AdminDeliveriesResponse, AdminDeliveryResponse, ApiError } from "@causette/types";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { EventBus } from "../comments/events.js";
import { ConfigError, loadConfig } from "../config.js";
import { Outbox } from "../outbox/outbox.js";
import { webhookMessage } from "../test-utils/outbox.js";
import { storeTargets, type TestStore } from "../test-utils/stores.js";
import { parseSecret, parseWebhookConfig } from "./config.js";
import { webhookTransport } from "./transport.js";

const ADMIN_PASSWORD = "deliveries admin password";
const SECRET = `whsec_${randomBytes(32).toString("base64")}`;

interface Delivery {
  id: string;
  timestamp: number;
  body: string;
  valid: boolean;
  path: string;
}

/**
 * A receiver written from the spec: the signed content is `id.timestamp.body`, the key is
 * the base64 after `whsec_`, the header lists space-separated `v1,<base64>` signatures of
 * which one must match (compared in constant time), and the timestamp must be within five
 * minutes. Answers `fail(path, n)` for the n-th delivery of one webhook-id to a path (200
 * by default).
 */
async function receiver(fail: (path: string, n: number) => number = () => 200) {
  const deliveries: Delivery[] = [];
  const counts = new Map<string, number>();
  const key = Buffer.from(SECRET.slice("whsec_".length), "base64");
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const id = String(req.headers["webhook-id"] ?? "");
      const ts = String(req.headers["webhook-timestamp"] ?? "");
      const expected = createHmac("sha256", key).update(`${id}.${ts}.${body}`).digest();
      const valid =
        /^\d+$/.test(ts) &&
        Math.abs(Date.now() / 1000 - Number(ts)) < 300 &&
        String(req.headers["webhook-signature"] ?? "")
          .split(" ")
          .some((part) => {
            const [version, sig] = part.split(",");
            const given = Buffer.from(sig ?? "", "base64");
            return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
          });
      const path = req.url ?? "/";
      const n = (counts.get(`${path} ${id}`) ?? 0) + 1;
      counts.set(`${path} ${id}`, n);
      deliveries.push({ id, timestamp: Number(ts), body, valid, path });
      const status = valid ? fail(path, n) : 401;
      if (status >= 300 && status < 400) res.setHeader("Location", "http://example.com/");
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, deliveries, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function until<T>(what: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await what();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("webhook settings", () => {
  it("takes several URLs, comma or space separated, and refuses bad ones clearly", () => {
    expect(
      parseWebhookConfig({
        CAUSETTE_WEBHOOK_URL: "https://a.example/h, https://b.example/h\nhttps://a.example/h",
        CAUSETTE_WEBHOOK_SECRET: SECRET,
      }),
    ).toMatchObject({ urls: ["https://a.example/h", "https://b.example/h"], allowPrivate: false });
    expect(parseWebhookConfig({})).toBeNull();
    for (const [env, message] of [
      [
        { CAUSETTE_WEBHOOK_URL: "ftp://x.example/" },
        /CAUSETTE_WEBHOOK_URL: "ftp:\/\/x.example\/" is not an http\(s\) URL/,
      ],
      [{ CAUSETTE_WEBHOOK_URL: "hooks.example" }, /is not an http\(s\) URL/],
      [{ CAUSETTE_WEBHOOK_URL: "https://u:p@x.example/" }, /user name or password/],
      [{ CAUSETTE_WEBHOOK_URL: "https://x.example/", CAUSETTE_WEBHOOK_SECRET: "secret" }, /whsec_/],
      [
        { CAUSETTE_WEBHOOK_URL: "https://x.example/", CAUSETTE_WEBHOOK_SECRET: "whsec_AAAA" },
        /24 to 64 bytes/,
      ],
      [
        { CAUSETTE_WEBHOOK_URL: "https://x.example/", CAUSETTE_WEBHOOK_ALLOW_PRIVATE: "yes" },
        /must be 1 or 0/,
      ],
    ] as const) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(message);
    }
  });
});

describe("the webhook transport", () => {
  const message = (recipient: string) => webhookMessage(recipient);

  const key = async () => parseSecret(SECRET);

  it("never connects to a private address unless allowed, by literal or by name", async () => {
    const r = await receiver();
    try {
      const strict = webhookTransport({ key, allowPrivate: false });
      await expect(strict.send(message(`${r.base}/x`))).rejects.toThrow(/private address/);
      const port = new URL(r.base).port;
      await expect(strict.send(message(`http://localhost:${port}/x`))).rejects.toThrow(
        /localhost resolves to .* a private address/,
      );
      for (const host of ["[::1]", "[::ffff:127.0.0.1]", "169.254.169.254", "10.1.2.3", "[fd00::1]"])
        await expect(strict.send(message(`http://${host}:${port}/x`))).rejects.toThrow(/private address/);
      expect(r.deliveries).toEqual([]);
      const open = webhookTransport({ key, allowPrivate: true });
      expect(await open.send(message(`${r.base}/x`))).toEqual({ status: "sent", info: "HTTP 200" });
      expect(r.deliveries).toHaveLength(1);
    } finally {
      await r.close();
    }
  });

  it("follows no redirect and gives up on a receiver that does not answer in time", async () => {
    const r = await receiver((path) => (path === "/moved" ? 302 : 200));
    const silent = createServer(() => {});
    await new Promise<void>((ok) => silent.listen(0, "127.0.0.1", ok));
    try {
      const open = webhookTransport({ key, allowPrivate: true, timeoutMs: 300 });
      await expect(open.send(message(`${r.base}/moved`))).rejects.toThrow(
        "HTTP 302: redirects are not followed",
      );
      expect(r.deliveries.map((d) => d.path)).toEqual(["/moved"]);
      const port = (silent.address() as AddressInfo).port;
      const started = Date.now();
      await expect(open.send(message(`http://127.0.0.1:${port}/`))).rejects.toThrow("no answer within 0 s");
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      silent.closeAllConnections();
      silent.close();
      await r.close();
    }
  });
});

for (const target of storeTargets("webhooks")) {
  describe(`webhooks on ${target.label}`, () => {
    let t: TestStore;
    let outbox: Outbox;
    let app: Hono;
    let r: Awaited<ReturnType<typeof receiver>>;
    let downIsUp = false;
    const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      Promise.resolve(
        app.request(path, {
          method,
          headers: { "Content-Type": "application/json", ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );

    beforeAll(async () => {
      // "/flaky" answers 500 three times to each message before it takes it; "/down" never does.
      r = await receiver((path, n) =>
        path === "/down" ? (downIsUp ? 200 : 500) : path === "/flaky" && n <= 3 ? 500 : 200,
      );
      t = await target.open();
      const bus = new EventBus();
      // rateMax 2: the per-recipient limit (for e-mail addresses) must not hold webhooks back.
      outbox = new Outbox(t.store, {
        pollMs: 50,
        retryBaseMs: 40,
        maxBackoffMs: 200,
        maxAttempts: 4,
        rateMax: 2,
      });
      const config = {
        ...loadConfig({
          CAUSETTE_WEBHOOK_URL: `${r.base}/hook ${r.base}/flaky,${r.base}/down`,
          CAUSETTE_WEBHOOK_SECRET: SECRET,
          CAUSETTE_WEBHOOK_ALLOW_PRIVATE: "1",
        }),
        rateLimit: 0,
        moderation: "none" as const,
        adminPassword: ADMIN_PASSWORD,
      };
      app = createApp({ store: t.store, config, bus, outbox });
      outbox.start(bus);
    });
    afterAll(async () => {
      await outbox?.stop();
      await r?.close();
      await t?.cleanup();
    });

    it("delivers every domain event, signed, with the public comment and never personal data", async () => {
      const created = await call(
        "POST",
        "/api/comments",
        {
          page: "/hooked/",
          pageUrl: "http://localhost:4000/hooked/",
          pageTitle: "Hooked",
          author: { name: "Ana <b>", email: "ana@example.org", website: "ana.example" },
          body: "Hello <script>x</script> **hooks**",
        },
        { Origin: "http://localhost:4000" },
      );
      expect(created.status).toBe(201);
      const { comment, editToken } = (await created.json()) as { comment: { id: string }; editToken: string };
      const auth = { Authorization: `Bearer ${editToken}` };
      expect((await call("PATCH", `/api/comments/${comment.id}`, { body: "edited" }, auth)).status).toBe(200);
      expect(
        (await call("POST", `/api/comments/${comment.id}/vote`, { value: 1 }, { "X-Causette-Voter": "v1" }))
          .status,
      ).toBe(200);
      expect((await call("DELETE", `/api/comments/${comment.id}`, undefined, auth)).status).toBe(200);

      const types = ["comment.created", "comment.edited", "vote.changed", "comment.deleted"];
      const hook = await until(() => {
        const got = r.deliveries.filter((d) => d.path === "/hook");
        return got.length >= 4 ? got : undefined;
      });
      expect(hook.every((d) => d.valid)).toBe(true);
      const bodies = hook.map((d) => JSON.parse(d.body));
      expect(bodies.map((b) => b.type)).toEqual(types);
      const first = bodies[0];
      expect(first.data).toMatchObject({
        type: "comment.created",
        site: "default",
        page: "/hooked/",
        commentId: comment.id,
        by: "reader",
        pageInfo: { id: "/hooked/", title: "Hooked", url: "http://localhost:4000/hooked/" },
        link: `http://localhost:4000/hooked/#comment-${comment.id}`,
        comment: {
          id: comment.id,
          author: { name: "Ana <b>", website: "https://ana.example/" },
          status: "approved",
        },
      });
      expect(first.data.comment.html).toContain("<strong>hooks</strong>");
      expect(first.data.comment.html).not.toContain("<script");
      expect(typeof first.timestamp).toBe("string");
      for (const d of hook) {
        expect(d.body).not.toContain("ana@example.org");
        expect(d.body).not.toMatch(/ipHash|editToken|ip_hash|edit_token|email/i);
        expect(d.id).toMatch(/^msg_\d+_/);
      }
      expect(new Set(hook.map((d) => d.id)).size).toBe(4);
      expect(bodies[2].data.score).toBe(1);
      expect(bodies[3].data.comment.html).toBe("");
    });

    it("retries a failing receiver with the same webhook-id, then marks it sent; gives up on a dead one", async () => {
      const flaky = await until(() => {
        const got = r.deliveries.filter((d) => d.path === "/flaky");
        return got.length >= 16 ? got : undefined;
      });
      // Each event's message: three 500s, then a 200 — four attempts, one id, one body.
      const ids = [...new Set(flaky.map((d) => d.id))];
      expect(ids).toHaveLength(4);
      for (const id of ids) {
        const attempts = flaky.filter((d) => d.id === id);
        expect(attempts).toHaveLength(4);
        expect(new Set(attempts.map((d) => d.body)).size).toBe(1);
        expect(attempts.every((d) => d.valid)).toBe(true);
        // A fresh timestamp (and signature) per attempt, never decreasing.
        expect(attempts.map((d) => d.timestamp)).toEqual([...attempts.map((d) => d.timestamp)].sort());
      }
      const firstId = ids[0]!;

      const messages = await until(async () => {
        const list = await t.store.outbox.list({ channel: "webhook", limit: 100 });
        const down = list.filter((m) => m.recipient.endsWith("/down"));
        return down.length === 4 && down.every((m) => m.status === "dead") ? list : undefined;
      });
      const firstFlaky = messages.find(
        (m) => m.recipient.endsWith("/flaky") && (m.payload as { webhookId: string }).webhookId === firstId,
      )!;
      expect(firstFlaky).toMatchObject({ status: "sent", attempts: 4 });
      const dead = messages.find((m) => m.recipient.endsWith("/down"))!;
      expect(dead).toMatchObject({ status: "dead", attempts: 4, lastError: "HTTP 500" });
      // Each attempt at the dead one carried the same id too.
      const deadId = (dead.payload as { webhookId: string }).webhookId;
      expect(r.deliveries.filter((d) => d.id === deadId && d.path === "/down")).toHaveLength(4);
    }, 30_000);

    it("shows the deliveries to the logged-in owner, who retries a dead one", async () => {
      expect((await call("GET", "/api/admin/deliveries")).status).toBe(401);
      const login = await call("POST", "/api/admin/login", { password: ADMIN_PASSWORD });
      const Cookie = (login.headers.get("Set-Cookie") ?? "").split(";")[0]!;
      const as = (method: string, path: string) => call(method, path, undefined, { Cookie });

      const all = (await (
        await as("GET", "/api/admin/deliveries?channel=webhook")
      ).json()) as AdminDeliveriesResponse;
      expect(all.counts).toMatchObject({ dead: 4, sent: 8, queued: 0, retrying: 0 });
      expect(all.deliveries).toHaveLength(12);
      expect(JSON.stringify(all)).not.toContain("webhookId");
      const dead = (await (
        await as("GET", "/api/admin/deliveries?status=dead&limit=3")
      ).json()) as AdminDeliveriesResponse;
      expect(dead.deliveries).toHaveLength(3);
      expect(dead.deliveries[0]).toMatchObject({
        channel: "webhook",
        kind: "comment.deleted",
        recipient: `${r.base}/down`,
        status: "dead",
        attempts: 4,
        lastError: "HTTP 500",
      });
      const older = (await (
        await as("GET", `/api/admin/deliveries?status=dead&limit=3&before=${dead.nextBefore}`)
      ).json()) as AdminDeliveriesResponse;
      expect(older.deliveries.map((d) => d.kind)).toEqual(["comment.created"]);
      expect(older.nextBefore).toBeNull();

      downIsUp = true;
      const target = older.deliveries[0]!;
      const retried = await as("POST", `/api/admin/deliveries/${target.id}/retry`);
      expect(retried.status).toBe(200);
      expect(((await retried.json()) as AdminDeliveryResponse).delivery).toMatchObject({ attempts: 0 });
      const sent = await until(async () => {
        const m = await t.store.outbox.get(target.id);
        return m?.status === "sent" ? m : undefined;
      });
      expect(sent).toMatchObject({ attempts: 1, lastError: null });
      // The receiver saw the retry under the id of the first four attempts.
      const id = (sent.payload as { webhookId: string }).webhookId;
      expect(r.deliveries.filter((d) => d.id === id).map((d) => d.valid)).toEqual([
        true,
        true,
        true,
        true,
        true,
      ]);

      const again = await as("POST", `/api/admin/deliveries/${target.id}/retry`);
      expect(again.status).toBe(409);
      expect(((await again.json()) as ApiError).error.code).toBe("delivery_not_retryable");
      expect((await as("POST", "/api/admin/deliveries/999999/retry")).status).toBe(404);
      for (const bad of ["?status=lost", "?channel=sms", "?before=x"]) {
        const res = await as("GET", `/api/admin/deliveries${bad}`);
        expect(res.status, bad).toBe(400);
        expect(((await res.json()) as ApiError).error.code).toBe("invalid_field");
      }
      expect((await as("POST", "/api/admin/deliveries/abc/retry")).status).toBe(400);
    });
  });
}
