#!/usr/bin/env node
// E-mail through the outbox, against a real SMTP server in its own process (Debian's
// python3-aiosmtpd, e2e/harness/smtp-sink.py) and the built server as a child process:
// - throughput: N confirmed "all" subscribers of a page, one new comment → N reply e-mails;
//   e-mails per second from the comment's 201 to the last one accepted by SMTP (dispatch,
//   rendering and SMTP included), and N confirmation e-mails the same way;
// - latency: replies to one subscriber's comment, one at a time (grouping off), the time from
//   each reply's 201 to its e-mail accepted by SMTP: median and p99.
// Usage: pnpm build && node bench/mail.bench.mjs [subscribers=200] [replies=50]
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, ROOT, startServer } from "../scripts/built-server.mjs";

const N = Number(process.argv[2] ?? 200);
const REPLIES = Number(process.argv[3] ?? 50);
const PYTHON = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

const dir = await mkdtemp(join(tmpdir(), "causette-mail-bench-"));
const mailDir = join(dir, "mail");
const smtpPort = await freePort();
const sink = spawn(PYTHON, [join(ROOT, "e2e/harness/smtp-sink.py"), mailDir, String(smtpPort)], {
  stdio: ["ignore", "pipe", "inherit"],
});
await new Promise((resolve) => sink.stdout.once("data", resolve));

const port = await freePort();
const server = await startServer({
  CAUSETTE_PORT: String(port),
  CAUSETTE_PUBLIC_URL: `http://127.0.0.1:${port}`,
  CAUSETTE_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  CAUSETTE_MODERATION: "none",
  CAUSETTE_MAIL_GROUP_SECONDS: "0",
  CAUSETTE_OUTBOX_POLL_MS: "250",
  CAUSETTE_OUTBOX_RATE_MAX: "100000",
  CAUSETTE_LOG: "off",
});

/** Every message received, oldest first. */
function received() {
  if (!existsSync(mailDir)) return [];
  return readdirSync(mailDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(mailDir, f), "utf8")));
}
async function waitCount(n, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = received();
    if (all.length >= n) return all;
    if (Date.now() > deadline) throw new Error(`only ${all.length} of ${n} e-mails arrived`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
let formToken = "";
async function post(body) {
  const res = await fetch(`${server.url}/api/comments`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ pageUrl: `${server.url}/p/`, pageTitle: "Bench", formToken, ...body }),
  });
  if (res.status !== 201) throw new Error(`POST ${res.status}: ${await res.text()}`);
  return res.json();
}
const rate = (n, ms) => `${((n * 1000) / ms).toFixed(0)} e-mails/s`;

try {
  formToken = (await (await fetch(`${server.url}/api/comments?page=/p/`)).json()).formToken;
  await new Promise((r) => setTimeout(r, 3100)); // a form older than the spam rules' minimum

  // N subscribers: N confirmation e-mails through the outbox.
  let t0 = performance.now();
  for (let i = 0; i < N; i++)
    await post({
      page: "/p/",
      author: { name: `Reader ${i}`, email: `r${i}@bench.test` },
      body: `Hello ${i}`,
      notify: "all",
    });
  const confirms = await waitCount(N);
  const confirmMs = performance.now() - t0;
  console.log(
    `confirmations: ${N} posted and e-mailed in ${confirmMs.toFixed(0)} ms (${rate(N, confirmMs)}, the posts included)`,
  );

  // Confirm them all (the page's button: a POST from the server's own origin).
  for (const m of confirms) {
    const url = new URL(m.text.match(/https?:\/\/\S+\/mail\/confirm\S+/)[0]);
    const res = await fetch(`${server.url}/mail/confirm`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
      body: url.searchParams.toString(),
    });
    if (res.status !== 200) throw new Error(`confirm ${res.status}`);
  }

  // One new comment → N reply e-mails (dispatch, render and SMTP).
  t0 = performance.now();
  await post({ page: "/p/", author: { name: "Writer", email: "writer@bench.test" }, body: "For everyone" });
  const t201 = performance.now();
  await waitCount(2 * N);
  const fanMs = performance.now() - t0;
  console.log(
    `fan-out: 1 comment → ${N} e-mails in ${fanMs.toFixed(0)} ms after its 201 (${rate(N, performance.now() - t201)})`,
  );

  // Latency: replies to one subscriber's comment, one after the other.
  const root = await post({
    page: "/q/",
    author: { name: "Ana", email: "r0@bench.test" },
    body: "Reply to me",
    notify: "replies",
  });
  const latencies = [];
  let count = received().length;
  for (let i = 0; i < REPLIES; i++) {
    const sentAt = Date.now();
    await post({ page: "/q/", parentId: root.comment.id, author: { name: "Bob" }, body: `Answer ${i}` });
    const all = await waitCount(count + 1, 30_000);
    count = all.length;
    latencies.push(all.at(-1).received * 1000 - sentAt);
  }
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)];
  console.log(
    `reply 201 → e-mail accepted by SMTP (${REPLIES} replies, poll ${250} ms as a floor only when idle): median ${q(0.5).toFixed(0)} ms, p99 ${q(0.99).toFixed(0)} ms, max ${latencies.at(-1).toFixed(0)} ms`,
  );
} finally {
  await server.stop();
  sink.kill("SIGTERM");
  await rm(dir, { recursive: true, force: true });
}
