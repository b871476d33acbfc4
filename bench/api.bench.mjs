#!/usr/bin/env node
// API throughput: seeds a thread of 200 comments and one of 10,000, starts the built server
// (`causette serve`) as its own process, and loads `GET /api/comments` with autocannon for
// BENCH_DURATION seconds (default 10) at 10 connections — on SQLite, and on PostgreSQL when
// DATABASE_URL is set. Prints req/s, p50/p99 latency and the server's peak RSS (VmHWM).
// Goal (issue 3): ≥ 1,000 req/s for the whole 200-comment thread with p99 ≤ 50 ms and
// RSS ≤ 100 MiB; first page of the 10,000-comment thread ≤ 50 ms. Issue #16: the cached
// HTML fragment of the 200-comment thread (`GET /api/comments.html`) within 10 % of the
// cached JSON's throughput, in alternating runs; both and their ratio are printed (with the
// server's CPU per request, which the machine's load skews less). Issue #15: the cached
// 200-comment thread GET against a bare node:http server (bench/bare-server.mjs, its own
// process) sending the very bytes and headers Causette sent for the same Accept-Encoding,
// in alternating runs: req/s, CPU per request and the ratio (goal ≥ 0.70).
// BENCH_ONLY=bare runs that comparison alone. Never fails on a figure.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { get } from "node:http";
import { createRequire } from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startServer } from "./server.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const SERVER = join(ROOT, "packages/server");
const CLI = join(SERVER, "dist/cli.js");
const require = createRequire(join(SERVER, "package.json"));
const autocannon = require("autocannon");
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 10;
/** BENCH_ONLY=bare: only the comparison with the bare node:http server (and the peak RSS). */
const ONLY_BARE = process.env.BENCH_ONLY === "bare";

if (!existsSync(CLI)) {
  console.log("(api bench: build the server first — pnpm --filter @causette/server build)");
  process.exit(0);
}
const { openStore } = await import(join(SERVER, "dist/store/open.js"));
// Imports go through the comments domain's normaliser (ids, avatars, HTML), as every importer's do.
const { importBatch } = await import(join(SERVER, "dist/comments/normalise.js"));

/** A thread of `total` comments: a quarter roots, the rest replies up to four levels deep. */
function thread(page, total) {
  const comments = [];
  const roots = Math.max(1, Math.floor(total / 4));
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < total; i++) {
    const isRoot = i < roots;
    const parent = isRoot ? null : `${page}#${i % 4 === 0 ? i - roots : (i * 7919) % roots}`;
    comments.push({
      site: "default",
      page,
      source: "bench",
      sourceId: `${page}#${i}`,
      parentSourceId: parent,
      authorName: `Reader ${i % 97}`,
      authorEmail: `reader${i % 97}@example.org`,
      body: `Comment ${i}: I *really* liked this part — see https://example.org/${i} for more.\n\nSecond paragraph with \`code\`.`,
      createdAt: new Date(start + i * 60_000).toISOString(),
    });
  }
  return comments;
}

async function seed(storeOptions) {
  const store = await openStore(storeOptions);
  for (const [page, n] of [
    ["/bench-200/", 200],
    ["/bench-10k/", 10_000],
  ]) {
    const all = thread(page, n);
    for (let i = 0; i < all.length; i += 2_000)
      await importBatch(store, { comments: all.slice(i, i + 2_000) });
  }
  await store.close();
}

function peakRssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** CPU time (user + system) the server process has used, in ms: a figure the machine's load does not skew. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function load(url, headers = {}, duration = DURATION) {
  return new Promise((done, fail) => {
    autocannon({ url, connections: CONNECTIONS, duration, headers }, (err, result) =>
      err ? fail(err) : done(result),
    );
  });
}

/** Uncached first pages: each read follows a vote, which changes the page's version. */
async function coldFirstPage(url, page, n = 20) {
  const first = await (await fetch(`${url}/api/comments?page=${page}`)).json();
  const target = first.comments[0].id;
  const times = [];
  for (let i = 0; i < n; i++) {
    await fetch(`${url}/api/comments/${target}/vote`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Causette-Voter": `bench-${i}` },
      body: JSON.stringify({ value: i % 2 ? 1 : -1 }),
    });
    const t0 = performance.now();
    const res = await fetch(`${url}/api/comments?page=${page}`);
    await res.arrayBuffer();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(n / 2)], max: times.at(-1) };
}

const fmt = (n, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

/**
 * Issue #16: the cached HTML fragment of the 200-comment thread against its cached JSON,
 * identity and brotli. The two alternate in short runs (ROUNDS of COMPARE_SECONDS each), so
 * that the machine's load falls on both alike; requests and server CPU are summed per side.
 */
async function fragmentVsJson(url, pid) {
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
  const COMPARE_SECONDS = Math.max(1, Math.round(DURATION / 4));
  if (!(await fetch(`${url}/api/comments.html?page=/bench-200/`)).ok)
    return ["HTML fragment: no GET /api/comments.html on this server"];
  const lines = [];
  for (const [encoding, headers] of [
    ["identity", {}],
    ["brotli", { "accept-encoding": "br" }],
  ]) {
    const sums = { json: { requests: 0, cpu: 0 }, html: { requests: 0, cpu: 0 } };
    for (let round = 0; round < ROUNDS; round++)
      for (const [side, path] of [
        ["json", "/api/comments"],
        ["html", "/api/comments.html"],
      ]) {
        const cpu0 = cpuMs(pid);
        const r = await load(`${url}${path}?page=/bench-200/`, headers, COMPARE_SECONDS);
        sums[side].cpu += cpuMs(pid) - cpu0;
        sums[side].requests += r.requests.total - r.errors - r.non2xx;
      }
    const seconds = ROUNDS * COMPARE_SECONDS;
    const [h, j] = [sums.html, sums.json];
    lines.push(
      `HTML fragment vs JSON, cached, ${encoding}, ${ROUNDS} alternating runs of ${COMPARE_SECONDS} s: ` +
        `${fmt(h.requests / seconds)} vs ${fmt(j.requests / seconds)} req/s, ratio ${fmt(h.requests / j.requests, 2)} ` +
        `(goal: within 10 %, ≥ 0.90); server CPU ${fmt(h.cpu / h.requests, 3)} vs ${fmt(j.cpu / j.requests, 3)} ms/req`,
    );
  }
  return lines;
}

/** One response as sent on the wire (not decoded): its status, headers and bytes. */
function rawGet(url, headers) {
  return new Promise((done, fail) => {
    get(url, { headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () =>
        done({ status: res.statusCode, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }),
      );
      res.on("error", fail);
    }).on("error", fail);
  });
}

/** Headers node:http writes by itself on every answer: the bare server's writes them too. */
const TRANSPORT_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

/**
 * Issue #15: the cached 200-comment thread GET against a bare node:http server (its own
 * process, bench/bare-server.mjs) answering the same bytes with the same headers, for the
 * same Accept-Encoding; alternating runs, requests and each server's CPU summed per side.
 */
async function againstBare(url, pid, dir) {
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
  const COMPARE_SECONDS = Math.max(1, Math.round(DURATION / 4));
  const path = "/api/comments?page=/bench-200/";
  const encodings = [
    ["identity", {}],
    ["brotli", { "accept-encoding": "br" }],
  ];
  const variants = [];
  for (const [, headers] of encodings) {
    const res = await rawGet(`${url}${path}`, headers);
    const kept = [];
    for (let i = 0; i < res.rawHeaders.length; i += 2)
      if (!TRANSPORT_HEADERS.has(res.rawHeaders[i].toLowerCase()))
        kept.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
    const encoding = kept.find(([k]) => k.toLowerCase() === "content-encoding")?.[1] ?? null;
    variants.push({ encoding, headers: kept, body: res.body.toString("base64") });
  }
  const file = join(dir, "bare.json");
  await writeFile(file, JSON.stringify(variants));
  const bare = spawn(process.execPath, [join(import.meta.dirname, "bare-server.mjs"), file], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const bareUrl = await new Promise((done, fail) => {
    let out = "";
    bare.stdout.on("data", (d) => {
      out += d;
      if (out.includes("\n")) done(JSON.parse(out.split("\n")[0]).url);
    });
    bare.once("exit", (code) => fail(new Error(`bare server exited with ${code}`)));
  });
  const lines = [];
  try {
    for (const [encoding, headers] of encodings) {
      const sums = { causette: { requests: 0, cpu: 0 }, bare: { requests: 0, cpu: 0 } };
      for (let round = 0; round < ROUNDS; round++)
        for (const [side, base, server] of [
          ["causette", url, pid],
          ["bare", bareUrl, bare.pid],
        ]) {
          const cpu0 = cpuMs(server);
          const r = await load(`${base}${path}`, headers, COMPARE_SECONDS);
          sums[side].cpu += cpuMs(server) - cpu0;
          sums[side].requests += r.requests.total - r.errors - r.non2xx;
        }
      const seconds = ROUNDS * COMPARE_SECONDS;
      const [c, b] = [sums.causette, sums.bare];
      const [cpuC, cpuB] = [c.cpu / c.requests, b.cpu / b.requests];
      lines.push(
        `200-comment thread vs bare node:http, cached, ${encoding}, ${ROUNDS} alternating runs of ${COMPARE_SECONDS} s: ` +
          `${fmt(c.requests / seconds)} vs ${fmt(b.requests / seconds)} req/s, ratio ${fmt(c.requests / b.requests, 2)} ` +
          `(goal: ≥ 0.70); server CPU ${fmt(cpuC, 3)} vs ${fmt(cpuB, 3)} ms/req (${fmt(cpuC / cpuB, 2)}×)`,
      );
    }
  } finally {
    bare.removeAllListeners("exit");
    const exited = new Promise((r) => bare.once("exit", r));
    bare.kill("SIGTERM");
    await exited;
  }
  return lines;
}

async function benchBackend(label, storeOptions, env) {
  await seed(storeOptions);
  const { child, url } = await startServer(env);
  try {
    const check = await (await fetch(`${url}/api/comments?page=/bench-200/`)).json();
    const rows = [];
    const runs = [
      ["200-comment thread (whole)", "/bench-200/", {}],
      ["200-comment thread, brotli", "/bench-200/", { "accept-encoding": "br" }],
      ["10,000-comment thread, page 1", "/bench-10k/", {}],
    ];
    for (const [name, page, headers] of ONLY_BARE ? [] : runs) {
      const cpu0 = cpuMs(child.pid);
      const r = await load(`${url}/api/comments?page=${page}`, headers);
      const cpu = (cpuMs(child.pid) - cpu0) / Math.max(1, r.requests.total);
      rows.push({
        cpu,
        name,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors + r.non2xx,
      });
    }
    const vsBare = await againstBare(url, child.pid, dir);
    const htmlVsJson = ONLY_BARE ? [] : await fragmentVsJson(url, child.pid);
    const cold = ONLY_BARE ? null : await coldFirstPage(url, "/bench-10k/");
    const rss = peakRssMiB(child.pid);
    console.log(`\n### ${label} — ${DURATION} s per run, ${CONNECTIONS} connections`);
    console.log(`(the 200-comment response holds ${check.comments.length} comments)`);
    if (rows.length)
      console.log(
        `${"run".padEnd(34)}${"req/s".padStart(9)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"errors".padStart(8)}${"server CPU ms/req".padStart(19)}`,
      );
    for (const r of rows)
      console.log(
        `${r.name.padEnd(34)}${fmt(r.rps).padStart(9)}${fmt(r.p50).padStart(9)}${fmt(r.p99).padStart(9)}${String(r.errors).padStart(8)}${fmt(r.cpu, 2).padStart(19)}`,
      );
    if (cold)
      console.log(
        `10,000-comment thread, page 1 uncached (after a write): median ${fmt(cold.median, 1)} ms, max ${fmt(cold.max, 1)} ms`,
      );
    for (const line of [...vsBare, ...htmlVsJson]) console.log(line);
    console.log(`server peak RSS: ${fmt(rss, 1)} MiB`);
    const [load1] = readFileSync("/proc/loadavg", "utf8").split(" ");
    console.log(`(machine load average during the run: ${load1} on ${availableParallelism()} cores)`);
  } finally {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
}

const dir = await mkdtemp(join(tmpdir(), "causette-bench-"));
try {
  const dbPath = join(dir, "bench.db");
  await benchBackend("SQLite", { dbPath }, { DATABASE_URL: "", CAUSETTE_DB: dbPath });
  if (process.env.DATABASE_URL) {
    const pg = require("pg");
    const schema = `bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(process.env.DATABASE_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    try {
      await benchBackend("PostgreSQL", { databaseUrl: url.toString() }, { DATABASE_URL: url.toString() });
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  } else {
    console.log("\n(PostgreSQL: DATABASE_URL is not set, skipping)");
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
