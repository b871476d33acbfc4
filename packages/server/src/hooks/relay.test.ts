/**
 * examples/webhook-relay/relay.mjs, run as its own process: deliveries signed by the real
 * transport reach it, and it posts to Slack, Discord and ntfy — stood in for by a local HTTP
 * server that records what each would have received — in each one's documented format.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookMessage } from "../test-utils/outbox.js";
import { parseSecret } from "./config.js";
import { webhookTransport } from "./transport.js";

const RELAY = fileURLToPath(new URL("../../../../examples/webhook-relay/relay.mjs", import.meta.url));
const SECRET = `whsec_${randomBytes(32).toString("base64")}`;

let services: Server;
let relay: ChildProcess;
let relayUrl: string;
let failing = false;
const posts: { path: string; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  services = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (failing) return res.writeHead(500).end();
      posts.push({ path: req.url ?? "", body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => services.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(services.address() as AddressInfo).port}`;
  relay = spawn(process.execPath, [RELAY], {
    env: {
      ...process.env,
      CAUSETTE_WEBHOOK_SECRET: SECRET,
      SLACK_WEBHOOK_URL: `${base}/slack/T0/B0/x`,
      DISCORD_WEBHOOK_URL: `${base}/discord/api/webhooks/1/t`,
      NTFY_URL: `${base}/blog-comments`,
      PORT: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  relayUrl = await new Promise<string>((resolve, reject) => {
    relay.stdout!.on("data", (d: Buffer) => {
      const m = /listening on (http:\/\/\S+)/.exec(String(d));
      if (m) resolve(m[1]!);
    });
    relay.on("exit", (code) => reject(new Error(`relay exited with ${code}`)));
  });
});
afterAll(async () => {
  relay?.kill();
  await new Promise<void>((r) => (services ? services.close(() => r()) : r()));
});

const delivery = (webhookId: string, body: unknown) =>
  webhookMessage(relayUrl, webhookId, JSON.stringify(body));

const created = {
  type: "comment.created",
  timestamp: new Date().toISOString(),
  data: {
    type: "comment.created",
    page: "/post/",
    pageInfo: { id: "/post/", title: "A <post> & more", url: "https://blog.example/post/" },
    link: "https://blog.example/post/#comment-abc",
    comment: {
      author: { name: "Ana" },
      status: "approved",
      html: "<p>Hi @everyone &lt;b&gt; &amp; <strong>bold</strong></p>",
    },
  },
};

describe("the webhook relay example", () => {
  it("verifies, then posts to Slack, Discord and ntfy in their formats; once per webhook-id", async () => {
    const send = webhookTransport({ key: async () => parseSecret(SECRET), allowPrivate: true });
    await send.send(delivery("msg_1_a", created));
    expect(posts.map((p) => p.path).sort()).toEqual(["/", "/discord/api/webhooks/1/t", "/slack/T0/B0/x"]);
    const by = (path: string) => posts.find((p) => p.path === path)!.body;
    expect(by("/slack/T0/B0/x")).toEqual({
      text: "*Ana commented on A &lt;post&gt; &amp; more*\nHi @everyone &lt;b&gt; &amp; bold\n<https://blog.example/post/#comment-abc|Open the comment>",
    });
    expect(by("/discord/api/webhooks/1/t")).toEqual({
      content:
        "**Ana commented on A <post> & more**\nHi @everyone <b> & bold\n<https://blog.example/post/#comment-abc>",
      allowed_mentions: { parse: [] },
    });
    expect(by("/")).toEqual({
      topic: "blog-comments",
      title: "Ana commented on A <post> & more",
      message: "Hi @everyone <b> & bold",
      click: "https://blog.example/post/#comment-abc",
    });
    // A retry of the same delivery is acknowledged and not posted again.
    await send.send(delivery("msg_1_a", created));
    expect(posts).toHaveLength(3);
  });

  it("refuses a bad signature, and asks for a retry while a service is down", async () => {
    const wrong = webhookTransport({
      key: async () => parseSecret(`whsec_${randomBytes(32).toString("base64")}`),
      allowPrivate: true,
    });
    await expect(wrong.send(delivery("msg_2_b", created))).rejects.toThrow("HTTP 401");
    failing = true;
    const send = webhookTransport({ key: async () => parseSecret(SECRET), allowPrivate: true });
    await expect(send.send(delivery("msg_3_c", created))).rejects.toThrow("HTTP 502");
    failing = false;
    await send.send(delivery("msg_3_c", created));
    expect(posts).toHaveLength(6);
  });
});
