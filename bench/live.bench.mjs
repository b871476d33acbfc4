#!/usr/bin/env node
// Live threads (issue #15): Server-Sent Events fan-out and what idle streams cost.
//  (1) 2,000 concurrent `GET /api/events` clients (raw node:http, not browsers) on one built
//      server (SQLite); one comment posted, five times: the time until every client has it
//      (median and p99 over clients, from the POST sent), and the server's memory per open
//      stream (its RSS with the streams open minus before, over 2,000).
//  (2) The same across two servers on one PostgreSQL (1,000 clients on each, the comment
//      posted on the first), when DATABASE_URL is set.
//  (3) The 200-comment thread's GET throughput (autocannon, 10 connections, BENCH_DURATION
//      seconds, default 5) without streams, then with the 2,000 idle streams open.
// Goals: p99 ≤ 250 ms on one server; ≤ 20 KiB per stream; GET with streams ≥ 80 % of without.
// Prints every figure and a verdict per goal; exits 1 when a goal of (1) or (3) is missed
// (BENCH_LIVE_CHECK=0 prints only).
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startServer as start } from "./server.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const SERVER = join(ROOT, "packages/server");
const CLI = join(SERVER, "dist/cli.js");
const require = createRequire(join(SERVER, "package.json"));
const CLIENTS = Number(process.env.BENCH_LIVE_CLIENTS ?? 2_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const POSTS = 5;
const PAGE = "/live-bench/";
const CHECK = process.env.BENCH_LIVE_CHECK !== "0";

if (!existsSync(CLI)) {
  console.log("(live bench: build the server first — pnpm --filter @causette/server build)");
  process.exit(0);
}

/** The built server, every comment published at once. */
const startServer = (env) => start({ CAUSETTE_MODERATION: "none", ...env });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmt = (n, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

function rssKiB(pid) {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
}

/** One SSE client on raw node:http: resolves once open; `waitFor(marker)` resolves when a chunk holds it. */
function client(url) {
  return new Promise((opened, failed) => {
    const waiting = new Map();
    let tail = "";
    const req = request(`${url}/api/events?page=${encodeURIComponent(PAGE)}`, { agent: false }, (res) => {
      if (res.statusCode !== 200) return failed(new Error(`stream: ${res.statusCode}`));
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        const text = tail + chunk;
        for (const [marker, done] of waiting)
          if (text.includes(marker)) {
            waiting.delete(marker);
            done(performance.now());
          }
        tail = text.slice(-200);
      });
      opened({
        waitFor: (marker) => new Promise((done) => waiting.set(marker, done)),
        close: () => req.destroy(),
      });
    });
    req.on("error", failed);
    req.end();
  });
}

async function openClients(urls, n) {
  const out = [];
  // In batches, so that the server's accept queue is not the figure.
  for (let i = 0; i < n; i += 200)
    out.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(200, n - i) }, (_, j) => client(urls[(i + j) % urls.length])),
      )),
    );
  return out;
}

async function post(url, body) {
  const res = await fetch(`${url}/api/comments`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ page: PAGE, author: { name: "Bench" }, body }),
  });
  if (res.status !== 201) throw new Error(`post: ${res.status} ${await res.text()}`);
  return res;
}

/** Posts `POSTS` comments on `writeUrl`; per post, ms until each client has it. Returns the worst post's figures. */
async function fanOut(clients, writeUrl, posts = POSTS) {
  const rows = [];
  for (let k = 0; k < posts; k++) {
    const marker = `fan-out ${k} ${Math.random().toString(36).slice(2)}`;
    const arrivals = clients.map((c) => c.waitFor(marker));
    const t0 = performance.now();
    const res = await post(writeUrl, marker);
    const acked = performance.now();
    await res.arrayBuffer();
    const times = (await Promise.all(arrivals)).map((t) => t - t0).sort((a, b) => a - b);
    rows.push({ median: pct(times, 50), p99: pct(times, 99), last: times.at(-1), ack: acked - t0 });
    await sleep(200);
  }
  return rows;
}

function printFanOut(label, rows) {
  console.log(`${label}: ${CLIENTS} clients, ${POSTS} comments, ms from the POST sent (201 after):`);
  for (const r of rows)
    console.log(
      `  median ${fmt(r.median, 1)}  p99 ${fmt(r.p99, 1)}  last ${fmt(r.last, 1)}  (201 at ${fmt(r.ack, 1)})`,
    );
  return Math.max(...rows.map((r) => r.p99));
}

function load(url) {
  const autocannon = require("autocannon");
  return new Promise((done, fail) =>
    autocannon({ url, connections: 10, duration: DURATION }, (err, result) =>
      err ? fail(err) : done(result),
    ),
  );
}

const verdicts = [];
const goal = (what, ok, hard = true) => {
  verdicts.push({ what, ok, hard });
  console.log(`  ${ok ? "meets" : "MISSES"}: ${what}`);
};

// ---- (1) and (3): one server, SQLite ----
const dir = await mkdtemp(join(tmpdir(), "causette-live-bench-"));
const one = await startServer({ CAUSETTE_DB: join(dir, "live.db") });
try {
  // The 200-comment thread of (3), and warm paths.
  for (let i = 0; i < 200; i++)
    await post(one.url, `Comment ${i}: I *really* liked this part — see https://example.org/${i}.`);
  const url200 = `${one.url}/api/comments?page=${encodeURIComponent(PAGE)}&limit=100`;
  await (await fetch(url200)).arrayBuffer();
  const without = await load(url200);
  await sleep(500);
  const before = rssKiB(one.child.pid);
  const clients = await openClients([one.url], CLIENTS);
  await sleep(1_000);
  // One comment first, not counted: the fan-out's code paths warmed up, as on a running server.
  await fanOut(clients.slice(0, 10), one.url, 1);
  const worst = printFanOut("(1) one server", await fanOut(clients, one.url));
  const after = rssKiB(one.child.pid);
  const perStream = (after - before) / CLIENTS;
  console.log(
    `  server RSS ${fmt(before / 1024, 1)} MiB → ${fmt(after / 1024, 1)} MiB with the streams: ${fmt(perStream, 1)} KiB per stream`,
  );
  goal(`p99 ≤ 250 ms to all ${CLIENTS} clients (worst post: ${fmt(worst, 1)} ms)`, worst <= 250);
  goal(`≤ 20 KiB of server memory per open stream (${fmt(perStream, 1)} KiB)`, perStream <= 20);
  const withStreams = await load(url200);
  const ratio = withStreams.requests.average / without.requests.average;
  console.log(
    `(3) GET of the page's thread (100 of its 200+ comments per page, cached): ${fmt(without.requests.average)} req/s without streams, ${fmt(withStreams.requests.average)} req/s with ${CLIENTS} idle streams (${fmt(ratio * 100)} %); p99 ${without.latency.p99} → ${withStreams.latency.p99} ms`,
  );
  goal(`GET throughput with the streams open within 20 % of without (${fmt(ratio * 100)} %)`, ratio >= 0.8);
  for (const c of clients) c.close();
} finally {
  await one.stop();
  await rm(dir, { recursive: true, force: true });
}

// ---- (2): two servers on PostgreSQL ----
const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) console.log("(2) two servers: DATABASE_URL is not set, skipped");
else {
  const pg = require("pg");
  const schema = `live_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const url = new URL(DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const a = await startServer({ DATABASE_URL: url.toString() });
  const b = await startServer({ DATABASE_URL: url.toString() });
  try {
    await (await post(a.url, "warm-up")).arrayBuffer();
    const clients = await openClients([a.url, b.url], CLIENTS);
    await sleep(1_000);
    await fanOut(clients.slice(0, 10), a.url, 1);
    const worst = printFanOut(
      "(2) two servers on PostgreSQL, half the clients on each, posted on the first",
      await fanOut(clients, a.url),
    );
    goal(`p99 ≤ 1 s across servers (worst post: ${fmt(worst, 1)} ms)`, worst <= 1_000, false);
    for (const c of clients) c.close();
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

const missed = verdicts.filter((v) => !v.ok && v.hard);
if (CHECK && missed.length) {
  console.log(`${missed.length} goal(s) missed`);
  process.exit(1);
}
