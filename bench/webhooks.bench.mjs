#!/usr/bin/env node
// Webhooks through the outbox: the built server's app in this process (the comments domain,
// the event log, the outbox's dispatcher and sender, the signing transport), a receiver as
// its own process on 127.0.0.1 that answers 204 and notes when each delivery arrived.
//   1. throughput: BENCH_WEBHOOKS comments (default 2,000) are written with the outbox
//      stopped, then the outbox starts and drains them: deliveries per second, dispatch and
//      send included (one event → one delivery);
//   2. latency: 200 comments one after the other with the outbox running: from the 201 of
//      POST /api/comments to the receiver's arrival, median and p99.
// On SQLite, and on PostgreSQL when DATABASE_URL is set. Prints figures, never fails on one.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const DIST = join(ROOT, "packages/server/dist");
const N = Number(process.env.BENCH_WEBHOOKS ?? 2000);
const LATENCY_N = 200;

if (!existsSync(join(DIST, "hooks/index.js"))) {
  console.log("(webhooks bench: build the server first — pnpm --filter @causette/server build)");
  process.exit(0);
}
const { openStore } = await import(join(DIST, "store/open.js"));
const { createApp } = await import(join(DIST, "app.js"));
const { loadConfig } = await import(join(DIST, "config.js"));
const { EventBus } = await import(join(DIST, "comments/events.js"));
const { Outbox } = await import(join(DIST, "outbox/outbox.js"));

const RECEIVER = `
const http = require("node:http");
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const t = Date.now();
    const body = JSON.parse(Buffer.concat(chunks).toString());
    process.stdout.write(body.data.commentId + " " + t + "\\n");
    res.writeHead(204).end();
  });
});
server.listen(0, "127.0.0.1", () => process.stdout.write("port " + server.address().port + "\\n"));
`;

function startReceiver() {
  const child = spawn(process.execPath, ["-e", RECEIVER], { stdio: ["ignore", "pipe", "inherit"] });
  const arrivals = new Map();
  let buffered = "";
  let onPort;
  const port = new Promise((r) => {
    onPort = r;
  });
  child.stdout.on("data", (d) => {
    buffered += d;
    let nl = buffered.indexOf("\n");
    while (nl >= 0) {
      const [a, b] = buffered.slice(0, nl).split(" ");
      buffered = buffered.slice(nl + 1);
      if (a === "port") onPort(Number(b));
      else arrivals.set(a, Number(b));
      nl = buffered.indexOf("\n");
    }
  });
  return { child, arrivals, port };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function run(label, storeOptions, cleanup) {
  const receiver = startReceiver();
  const port = await receiver.port;
  const store = await openStore(storeOptions);
  const bus = new EventBus();
  const outbox = new Outbox(store, { pollMs: 1000, batch: 100 });
  const config = {
    ...loadConfig({
      CAUSETTE_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
      CAUSETTE_WEBHOOK_ALLOW_PRIVATE: "1",
      CAUSETTE_LOG: "off",
    }),
    rateLimit: 0,
    moderation: "none",
  };
  const app = createApp({ store, config, bus, outbox });
  let n = 0;
  const post = async () => {
    const res = await app.request("/api/comments", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ page: `/bench-${n % 20}/`, author: { name: "Bench" }, body: `Webhook ${n++}` }),
    });
    if (res.status !== 201) throw new Error(`POST answered ${res.status}`);
    return (await res.json()).comment.id;
  };
  try {
    // 1. Throughput: a backlog of N events, drained by one server's outbox.
    for (let i = 0; i < N; i++) await post();
    const started = performance.now();
    outbox.start(bus);
    while (receiver.arrivals.size < N) await new Promise((r) => setTimeout(r, 20));
    const seconds = (performance.now() - started) / 1000;
    const sent = (await store.outbox.counts()).sent;
    console.log(
      `${label}: ${N} webhooks drained in ${seconds.toFixed(2)} s = ${Math.round(N / seconds)} webhooks/s (${sent} marked sent)`,
    );

    // 2. Latency: the 201 to the receiver's arrival, with the outbox running.
    const waits = [];
    for (let i = 0; i < LATENCY_N; i++) {
      const id = await post();
      const acked = Date.now();
      while (!receiver.arrivals.has(id)) await new Promise((r) => setTimeout(r, 1));
      waits.push(receiver.arrivals.get(id) - acked);
    }
    waits.sort((a, b) => a - b);
    console.log(
      `${label}: 201 → receiver, ${LATENCY_N} comments one by one: median ${pct(waits, 50)} ms, p99 ${pct(waits, 99)} ms, max ${waits.at(-1)} ms`,
    );
  } finally {
    await outbox.stop();
    await store.close();
    receiver.child.kill();
    await cleanup();
  }
}

const dir = await mkdtemp(join(tmpdir(), "causette-bench-hooks-"));
await run("SQLite", { dbPath: join(dir, "bench.db") }, () => rm(dir, { recursive: true, force: true }));
if (process.env.DATABASE_URL) {
  const pg = (await import(join(ROOT, "packages/server/node_modules/pg/lib/index.js"))).default;
  const schema = `bench_hooks_${process.pid}`;
  const admin = async (sql) => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const url = new URL(process.env.DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  await run("PostgreSQL", { databaseUrl: url.toString() }, () => admin(`DROP SCHEMA ${schema} CASCADE`));
} else console.log("(PostgreSQL: set DATABASE_URL to measure it too)");
