#!/usr/bin/env node
/**
 * A webhook relay for Causette: receives the server's deliveries, verifies each one as the
 * Standard Webhooks spec says, and posts a short notice to Slack, Discord and/or ntfy.
 * Node 20, no dependencies. See docs/notifications.md "Webhooks".
 *
 *   CAUSETTE_WEBHOOK_SECRET=whsec_…                      (the server's: `causette webhooks secret`)
 *   SLACK_WEBHOOK_URL=https://hooks.slack.com/services/…   (Slack "Incoming Webhooks")
 *   DISCORD_WEBHOOK_URL=https://discord.com/api/webhooks/… (a channel's "Integrations → Webhooks")
 *   NTFY_URL=https://ntfy.sh/my-blog-comments              (an ntfy server and topic)
 *   RELAY_EVENTS=comment.created                           (event types to relay, comma-separated)
 *   PORT=8790 HOST=127.0.0.1
 *   node relay.mjs
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

const env = process.env;
const secret = env.CAUSETTE_WEBHOOK_SECRET ?? "";
if (!secret.startsWith("whsec_")) {
  console.error("Set CAUSETTE_WEBHOOK_SECRET to the server's whsec_… secret.");
  process.exit(2);
}
const key = Buffer.from(secret.slice("whsec_".length), "base64");
const events = new Set((env.RELAY_EVENTS ?? "comment.created").split(",").map((s) => s.trim()));
const TOLERANCE_S = 5 * 60;
/** Ids already relayed (a retry of a delivery that reached us is acknowledged, not repeated). */
const seen = new Map();

/** The spec's check: HMAC-SHA256 of `id.timestamp.body`, any `v1,` signature, a fresh timestamp. */
function verified(headers, body) {
  const id = headers["webhook-id"];
  const ts = headers["webhook-timestamp"];
  const sigs = headers["webhook-signature"];
  if (!id || !ts || !sigs || !/^\d+$/.test(ts)) return null;
  if (Math.abs(Date.now() / 1000 - Number(ts)) > TOLERANCE_S) return null;
  const expected = createHmac("sha256", key).update(`${id}.${ts}.${body}`).digest();
  const ok = sigs.split(" ").some((part) => {
    const [version, sig] = part.split(",");
    const given = Buffer.from(sig ?? "", "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
  return ok ? id : null;
}

/** The comment's text without markup, for services that take plain text. */
function plain(html) {
  return html
    .replace(/<br\s*\/?>|<\/p>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .trim()
    .slice(0, 500);
}

function notice(payload) {
  const d = payload.data;
  const who = d.comment?.author?.name || "Someone";
  const where = d.pageInfo?.title || d.page;
  const verb = { "comment.created": "commented", "comment.edited": "edited a comment" }[payload.type];
  const title = verb ? `${who} ${verb} on ${where}` : `${payload.type} on ${where}`;
  const held = d.comment && d.comment.status !== "approved" ? ` (${d.comment.status})` : "";
  return {
    title: title + held,
    text: d.comment ? plain(d.comment.html) : "",
    link: d.link ?? d.pageInfo?.url ?? null,
  };
}

async function post(url, body, headers = { "Content-Type": "application/json" }) {
  const res = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`${new URL(url).host} answered ${res.status}`);
}

// Each service's documented incoming-webhook format.
const targets = [];
if (env.SLACK_WEBHOOK_URL) {
  // Slack: { text } with mrkdwn; &, < and > must be escaped, links are <url|label>.
  const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  targets.push((n) =>
    post(
      env.SLACK_WEBHOOK_URL,
      JSON.stringify({
        text: `*${esc(n.title)}*\n${esc(n.text)}${n.link ? `\n<${n.link}|Open the comment>` : ""}`,
      }),
    ),
  );
}
if (env.DISCORD_WEBHOOK_URL) {
  // Discord: { content } (at most 2,000 characters); no @everyone or role pings from a comment.
  targets.push((n) =>
    post(
      env.DISCORD_WEBHOOK_URL,
      JSON.stringify({
        content: `**${n.title}**\n${n.text}${n.link ? `\n<${n.link}>` : ""}`.slice(0, 2000),
        allowed_mentions: { parse: [] },
      }),
    ),
  );
}
if (env.NTFY_URL) {
  // ntfy: JSON publishing, POSTed to the server's root with the topic in the body.
  const u = new URL(env.NTFY_URL);
  const topic = u.pathname.replace(/^\/+|\/+$/g, "");
  targets.push((n) =>
    post(
      `${u.origin}/`,
      JSON.stringify({
        topic,
        title: n.title,
        message: n.text || n.title,
        ...(n.link ? { click: n.link } : {}),
      }),
    ),
  );
}
if (!targets.length) {
  console.error("Set at least one of SLACK_WEBHOOK_URL, DISCORD_WEBHOOK_URL, NTFY_URL.");
  process.exit(2);
}

const server = createServer((req, res) => {
  if (req.method !== "POST") return res.writeHead(405).end();
  const chunks = [];
  let size = 0;
  req.on("data", (c) => {
    size += c.length;
    if (size > 1_000_000) req.destroy();
    else chunks.push(c);
  });
  req.on("end", async () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const id = verified(req.headers, body);
    if (!id) return res.writeHead(401).end("bad signature\n");
    if (seen.has(id)) return res.writeHead(204).end();
    const payload = JSON.parse(body);
    if (!events.has(payload.type)) return res.writeHead(204).end();
    try {
      await Promise.all(targets.map((send) => send(notice(payload))));
    } catch (err) {
      // Not acknowledged: Causette tries again later, with the same webhook-id.
      console.error(String(err));
      return res.writeHead(502).end();
    }
    seen.set(id, Date.now());
    for (const [old, at] of seen) if (Date.now() - at > 2 * TOLERANCE_S * 1000) seen.delete(old);
    res.writeHead(204).end();
  });
});
server.listen(Number(env.PORT ?? 8790), env.HOST ?? "127.0.0.1", () => {
  const { address, port } = server.address();
  console.log(`relay listening on http://${address}:${port}/`);
});
