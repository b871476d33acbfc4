// Several servers as one system, for real: PostgreSQL, two built Causette processes and
// Debian's nginx in front of them with the configuration docs/self-hosting.md ships
// ("Several servers behind a load balancer"), checked through nginx and directly.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SseReader } from "../packages/server/src/test-utils/sse.js";
import { launchBrowser } from "./harness/browser.js";
import { blogPage, startHost } from "./harness/host.js";
import { NGINX, startNginx } from "./harness/nginx.js";
import { freePort } from "./harness/ports.js";
import { ROOT, type RunningServer, startServer } from "./harness/server.js";
import { header, type ReceivedMail, type SmtpSink, startSink } from "./harness/smtp.js";

const PSQL = "/usr/bin/psql";
const DATABASE_URL = process.env.DATABASE_URL || "";
const missing = [
  ...(DATABASE_URL ? [] : ["PostgreSQL (DATABASE_URL is not set)"]),
  ...[NGINX, PSQL].filter((bin) => !existsSync(bin)),
];
if (missing.length) console.log(`[cluster] ${missing.join(" and ")} missing: skipping the two-server test`);

const PASSWORD = "the cluster's admin password";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The several-servers nginx configuration of docs/self-hosting.md, with the test's addresses. */
export function documentedClusterConfig(page: string, ports: number[], listen: number): string {
  const section = page.slice(page.indexOf("## Several servers behind a load balancer"));
  const block = /```nginx\n# \/etc\/nginx\/sites-available\/causette, several servers\n([\s\S]*?)```/.exec(
    section,
  )?.[1];
  if (!block) throw new Error("docs/self-hosting.md has no several-servers nginx block any more");
  const upstream = /^upstream causette \{[\s\S]*?^\}/m.exec(block)?.[0];
  const locations = [...block.matchAll(/^ {4}location [^\n]*\{[\s\S]*?^ {4}\}/gm)].map((m) => m[0]);
  if (!upstream || locations.length < 2 || !locations.some((l) => l.includes("proxy_buffering off;")))
    throw new Error("the several-servers block lost its upstream or its two locations");
  const servers = [...upstream.matchAll(/^ {4}server \S+( [^;]*)?;$/gm)];
  if (servers.length < 2) throw new Error("the documented upstream lists fewer than two servers");
  const options = servers[0]![1] ?? "";
  const ours = ports.map((port) => `    server 127.0.0.1:${port}${options};`).join("\n");
  const upstreamHere = upstream.replace(/(^ {4}server [^\n]*\n)+/m, `${ours}\n`);
  // `$host` has no port: right on 443, as documented; this test listens on another port, in plain HTTP.
  const body = locations.map((l) => l.replaceAll("Host $host;", "Host $http_host;")).join("\n");
  return `${upstreamHere}\nserver {\n    listen 127.0.0.1:${listen};\n    client_max_body_size 128k;\n${body}\n}\n`;
}

function psql(sql: string): void {
  const run = spawnSync(PSQL, [DATABASE_URL, "-qc", sql], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`psql: ${run.stderr}`);
}

describe.skipIf(missing.length > 0)("two servers, PostgreSQL and nginx", { timeout: 120_000 }, () => {
  const schema = `e2e_cluster_${process.pid}`;
  let a: RunningServer;
  let b: RunningServer;
  let dir: string;
  let proxy: string;
  let stopNginx: () => Promise<void> = async () => {};
  const readers: SseReader[] = [];

  const write = (
    base: string,
    page: string,
    client: string,
    body = `${client} on ${page} ${Math.random()}`,
  ) =>
    fetch(`${base}/api/comments`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": client },
      body: JSON.stringify({ page, author: { name: "Cluster" }, body }),
    });
  const stream = async (base: string, page: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}/api/events?page=${encodeURIComponent(page)}`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const reader = new SseReader(res.body);
    readers.push(reader);
    await reader.ready();
    return reader;
  };
  const thread = async (base: string, page: string) =>
    (
      (await (await fetch(`${base}/api/comments?page=${encodeURIComponent(page)}&limit=100`)).json()) as {
        comments: { id: string }[];
      }
    ).comments;

  beforeAll(async () => {
    psql(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    const url = new URL(DATABASE_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    const env = {
      DATABASE_URL: url.toString(),
      CAUSETTE_RATE_LIMIT: "3",
      CAUSETTE_MODERATION: "none",
      CAUSETTE_ADMIN_PASSWORD: PASSWORD,
      CAUSETTE_TRUST_PROXY: "loopback",
      CAUSETTE_LOG: "off",
    };
    // One after the other: the first creates the tables.
    a = await startServer(env);
    b = await startServer(env);
    dir = await mkdtemp(join(tmpdir(), "causette-cluster-"));
    const port = await freePort();
    proxy = `http://127.0.0.1:${port}`;
    const page = await readFile(join(ROOT, "docs/self-hosting.md"), "utf8");
    const nginx = await startNginx(dir, port, documentedClusterConfig(page, [a.port, b.port], port));
    stopNginx = nginx.stop;
  });
  afterAll(async () => {
    for (const r of readers) await r.close();
    await Promise.all([stopNginx(), a?.stop(), b?.stop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
    if (DATABASE_URL) psql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it("a reader on B sees A's comment live, and readers through nginx see writes through nginx", async () => {
    const page = "/cluster/live/";
    const onB = await stream(b.url, page);
    expect(await thread(b.url, page)).toEqual([]);
    // Through nginx, round-robin: two streams land on both servers.
    const viaProxy = [await stream(proxy, page), await stream(proxy, page)];
    const res = await write(a.url, page, "10.0.1.1");
    expect(res.status).toBe(201);
    const acked = performance.now();
    const { comment } = (await res.json()) as { comment: { id: string } };
    // A GET on B, polled from A's 201 on, alongside the streams.
    const shown = (async () => {
      for (let i = 0; i < 500; i++) {
        if ((await thread(b.url, page)).some((c) => c.id === comment.id)) return performance.now() - acked;
        await sleep(2);
      }
      return -1;
    })();
    expect(JSON.parse((await onB.until("comment", 1_000)).data).id).toBe(comment.id);
    const liveMs = performance.now() - acked;
    for (const r of viaProxy) expect(JSON.parse((await r.until("comment", 1_000)).data).id).toBe(comment.id);
    const shownMs = await shown;
    console.log(
      `[cluster] A's comment: on B's stream ${liveMs.toFixed(0)} ms after A's 201, in B's GET ${shownMs.toFixed(0)} ms after`,
    );
    expect(shownMs).toBeGreaterThanOrEqual(0);
    expect(shownMs).toBeLessThan(1_000);

    const second = await write(proxy, page, "10.0.1.2");
    expect(second.status).toBe(201);
    const id = ((await second.json()) as { comment: { id: string } }).comment.id;
    for (const r of [onB, ...viaProxy])
      expect(JSON.parse((await r.until("comment", 1_000)).data).id).toBe(id);
  });

  it("holds the rate limit for both servers together, directly and through nginx", async () => {
    const direct: number[] = [];
    for (let i = 0; i < 4; i++)
      direct.push((await write(i % 2 ? b.url : a.url, "/cluster/limit/", "10.0.2.1")).status);
    expect(direct).toEqual([201, 201, 201, 429]);
    const proxied: number[] = [];
    for (let i = 0; i < 4; i++) proxied.push((await write(proxy, "/cluster/limit/", "10.0.2.2")).status);
    expect(proxied).toEqual([201, 201, 201, 429]);
  });

  it("an admin logged in through A acts through B; the login lockout counts both", async () => {
    const login = await fetch(`${a.url}/api/admin/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": "10.0.3.1" },
      body: JSON.stringify({ password: PASSWORD }),
    });
    expect(login.status).toBe(204);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    const posted = (await (await write(a.url, "/cluster/admin/", "10.0.3.2")).json()) as {
      comment: { id: string };
    };
    const spam = await fetch(`${b.url}/api/admin/comments/${posted.comment.id}/spam`, {
      method: "POST",
      headers: { Cookie: cookie },
    });
    expect(spam.status).toBe(200);
    expect(await thread(a.url, "/cluster/admin/")).toEqual([]);

    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await fetch(`${i % 2 ? b.url : a.url}/api/admin/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Forwarded-For": "10.0.3.9" },
        body: JSON.stringify({ password: `wrong ${i}` }),
      });
      statuses.push(res.status);
    }
    // Ten failures are allowed per client in 15 minutes, counted in the database.
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("kill -9 of one server loses nothing acknowledged; the other serves, and catches its readers up", async () => {
    const page = "/cluster/crash/";
    const onA = await stream(a.url, page);
    const first = (await (await write(a.url, page, "10.0.4.1")).json()) as { comment: { id: string } };
    const seen = await onA.until("comment", 1_000);
    expect(JSON.parse(seen.data).id).toBe(first.comment.id);

    const acknowledged = [first.comment.id];
    let running = true;
    let n = 0;
    const writer = (async () => {
      while (running) {
        const res = await write(proxy, page, `10.0.5.${n++ % 250}`).catch(() => null);
        if (res?.status === 201)
          acknowledged.push(((await res.json()) as { comment: { id: string } }).comment.id);
        else await res?.text();
      }
    })();
    await sleep(300);
    await a.crash();
    await sleep(700);
    running = false;
    await writer;
    expect(acknowledged.length).toBeGreaterThan(3);
    // B serves, directly and through nginx, and has every acknowledged comment.
    const onB = new Set((await thread(b.url, page)).map((c) => c.id));
    for (const id of acknowledged) expect(onB.has(id), id).toBe(true);
    const viaProxy = await fetch(`${proxy}/api/comments?page=${page}`);
    expect(viaProxy.status).toBe(200);
    // A's reader reconnects through nginx (to B, the one left) with its last id: it gets the rest.
    const back = await stream(proxy, page, { "Last-Event-ID": seen.id! });
    const missed = new Set(acknowledged.slice(1));
    // Every acknowledged comment comes. Others may too: the one it had (PostgreSQL's catch-up
    // re-reads a window below the last id, for ids that committed late), and a write A
    // committed whose answer the crash cut (stored, but never acknowledged).
    while (missed.size) missed.delete(JSON.parse((await back.until("comment", 2_000)).data).id);
  });

  it("two browsers on the same post see each other's comments, edits and votes live, through nginx", async () => {
    const host = await startHost({
      "/post/": blogPage({ server: proxy, scriptAttrs: 'data-page-id="/cluster/browsers/"' }),
    });
    const browser = await launchBrowser();
    try {
      const [one, two] = await Promise.all(
        [0, 1].map(async () => {
          const page = await (await browser.newContext()).newPage();
          await page.goto(`${host.origin}/post/`);
          await page.getByRole("heading", { name: "No comments yet" }).waitFor();
          return page;
        }),
      );
      // One writes (the app loads on its intent); the other reads and is told, politely.
      const form = (p: Page) => ({
        body: p.getByRole("textbox", { name: "Comment", exact: true }).first(),
        name: p.getByRole("textbox", { name: "Name", exact: true }).first(),
      });
      await form(one!).body.click();
      await form(one!).body.fill("Live from the first browser");
      await form(one!).name.fill("Ana");
      await one!.getByRole("button", { name: "Post comment" }).click();
      await one!.getByRole("article", { name: "Ana" }).waitFor();
      // A tab streams only while visible: the one looked at is brought to the front (the other,
      // hidden, closes its stream, and catches up from its last event id when shown again).
      await two!.bringToFront();
      const told = two!.getByRole("button", { name: "1 new comment — show" });
      await told.waitFor({ timeout: 5_000 });
      expect(await two!.getByRole("status").filter({ has: told }).count()).toBe(1);
      await told.click();
      await two!.getByRole("article", { name: "Ana" }).waitFor();
      expect(await two!.getByRole("article", { name: "Ana" }).textContent()).toContain(
        "Live from the first browser",
      );

      // The second answers; now its app holds the stream, the first's too.
      await form(two!).body.fill("And back from the second");
      await form(two!).name.fill("Bo");
      await two!.getByRole("button", { name: "Post comment" }).click();
      await two!.getByRole("article", { name: "Bo" }).waitFor();
      await one!.bringToFront();
      await one!.getByRole("button", { name: "1 new comment — show" }).click();
      await one!.getByRole("article", { name: "Bo" }).waitFor();

      // An edit and a vote of one show in place in the other, without a click.
      const ana = one!.getByRole("article", { name: "Ana" });
      await ana.getByRole("button", { name: "Edit" }).click();
      await ana.getByRole("textbox", { name: "Comment" }).fill("Live, and edited");
      await ana.getByRole("button", { name: "Save" }).click();
      await two!.bringToFront();
      await two!
        .getByRole("article", { name: "Ana" })
        .getByText("Live, and edited")
        .waitFor({ timeout: 5_000 });
      await two!.getByRole("article", { name: "Ana" }).locator('button[data-a="like"]').click();
      await one!.bringToFront();
      await one!
        .getByRole("article", { name: "Ana" })
        .locator("[itemprop=upvoteCount]", { hasText: /^1$/ })
        .waitFor({ timeout: 5_000 });
    } finally {
      await browser.close();
      await host.stop();
    }
  });
});

// The e-mail outbox with two servers on one database and one relay (a real SMTP server
// process): each message is sent once, whichever server dispatches and sends it, and a
// kill -9 mid-sending loses nothing. At-least-once is the design (store/outbox-store.ts): a
// server killed after the relay accepted a message and before it recorded "sent" leaves
// that message leased, and once the lease runs out the other server sends it again. A server
// sends its messages one after the other, so a crash doubles at most one message.
describe.skipIf(missing.length > 0)("two servers, one outbox", { timeout: 60_000 }, () => {
  const schema = `e2e_cluster_mail_${process.pid}`;
  const N = 30;
  const OWNER = "owner@cluster.test";
  const READER = "reader@cluster.test";
  let a: RunningServer;
  let b: RunningServer;
  let dir: string;
  let proxy: string;
  let sink: SmtpSink;
  let stopNginx: () => Promise<void> = async () => {};

  beforeAll(async () => {
    psql(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    dir = await mkdtemp(join(tmpdir(), "causette-cluster-mail-"));
    sink = await startSink(join(dir, "mail"), await freePort());
    const port = await freePort();
    proxy = `http://127.0.0.1:${port}`;
    const url = new URL(DATABASE_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    const env = {
      DATABASE_URL: url.toString(),
      CAUSETTE_PUBLIC_URL: proxy,
      CAUSETTE_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      CAUSETTE_MAIL_FROM: "Comments <comments@cluster.test>",
      CAUSETTE_OWNER_EMAIL: OWNER,
      CAUSETTE_MAIL_GROUP_SECONDS: "1",
      CAUSETTE_OUTBOX_POLL_MS: "100",
      CAUSETTE_OUTBOX_RETRY_MS: "200",
      // A killed server's leases run out soon; the owner gets more than 20 alerts an hour here.
      CAUSETTE_OUTBOX_LEASE_MS: "2000",
      CAUSETTE_OUTBOX_RATE_MAX: "1000",
      CAUSETTE_RATE_LIMIT: "1000",
      CAUSETTE_MODERATION: "none",
      CAUSETTE_TRUST_PROXY: "loopback",
      CAUSETTE_LOG: "off",
    };
    a = await startServer(env);
    b = await startServer(env);
    const page = await readFile(join(ROOT, "docs/self-hosting.md"), "utf8");
    stopNginx = (await startNginx(dir, port, documentedClusterConfig(page, [a.port, b.port], port))).stop;
  });
  afterAll(async () => {
    await Promise.all([stopNginx(), a?.stop(), b?.stop(), sink?.stop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
    if (DATABASE_URL) psql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  const post = async (base: string, client: string, body: Record<string, unknown>) => {
    const res = await fetch(`${base}/api/comments`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": client },
      body: JSON.stringify({ page: "/cluster/mail/", ...body }),
    });
    const json = (await res.json()) as { comment: { id: string } };
    expect(res.status, JSON.stringify(json)).toBe(201);
    return json.comment.id;
  };
  const outbox = (): Record<string, number> => {
    const run = spawnSync(
      PSQL,
      [DATABASE_URL, "-Atc", `SELECT status, count(*) FROM ${schema}.outbox GROUP BY status`],
      { encoding: "utf8" },
    );
    if (run.status !== 0) throw new Error(`psql: ${run.stderr}`);
    return Object.fromEntries(
      run.stdout
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => [l.split("|")[0]!, Number(l.split("|")[1])]),
    );
  };

  it("the e-mail outbox sends each message once across both servers, and a kill -9 mid-sending loses none", async () => {
    // A reader subscribes to replies to their comment, and confirms through the link mailed.
    const parent = await post(b.url, "10.0.9.1", {
      author: { name: "Reader", email: READER },
      body: "parent-comment",
      notify: "replies",
    });
    const [confirm] = await sink.waitFor((m) => m.to.includes(READER));
    const link = new URL(/https?:\/\/\S+\/mail\/confirm\S*/.exec(confirm!.text ?? "")![0]);
    const confirmed = await fetch(`${proxy}/mail/confirm`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: proxy },
      body: new URLSearchParams(link.searchParams).toString(),
    });
    expect(confirmed.status).toBe(200);
    await sink.waitFor((m) => m.to.includes(OWNER) && (m.text ?? "").includes("parent-comment"));

    // N replies, round-robin through nginx, to A and to B directly; A is killed (between two
    // writes: no write is cut) while the mail for them is going out.
    const bases = [proxy, a.url, b.url];
    const ids: string[] = [];
    const started = performance.now();
    let killedAfter = -1;
    const alertsSoFar = () => sink.messages().filter((m) => m.to.includes(OWNER)).length - 1;
    const killWhenSending = async () => {
      if (killedAfter >= 0 || alertsSoFar() < N / 3) return;
      killedAfter = alertsSoFar();
      await a.crash();
    };
    for (let i = 0; i < N; i++) {
      await killWhenSending();
      const base = killedAfter >= 0 && bases[i % 3] === a.url ? b.url : bases[i % 3]!;
      ids.push(
        await post(base, `10.0.9.${10 + i}`, {
          author: { name: `Writer ${i}` },
          body: `reply-${String(i).padStart(2, "0")}-token`,
          parentId: parent,
        }),
      );
    }
    while (killedAfter < 0) {
      await killWhenSending();
      await sleep(2);
    }
    expect(killedAfter).toBeLessThan(N);

    const tokens = ids.map((_, i) => `reply-${String(i).padStart(2, "0")}-token`);
    const countIn = (mails: ReceivedMail[], token: string) =>
      mails.filter((m) => (m.text ?? "").includes(token)).length;
    // Wait until every alert and every reply item arrived (or the deadline: the asserts say what is missing).
    const deadline = Date.now() + 30_000;
    const alerts = () => sink.messages().filter((m) => m.to.includes(OWNER));
    const replies = () => sink.messages().filter((m) => m.to.includes(READER) && /reply-/.test(m.text ?? ""));
    while (Date.now() < deadline) {
      if (tokens.every((t) => countIn(alerts(), t) >= 1 && countIn(replies(), t) >= 1)) break;
      await sleep(50);
    }
    const doneMs = performance.now() - started;
    // Anything left to send goes out now: a moment for a late double to show.
    await sleep(1_500);
    const ownerMails = alerts();
    const replyMails = replies();
    const all = sink.messages();
    // Every e-mail carries its outbox message's Message-ID: a resend carries the same one.
    const messageIds = all.map((m) => header(m, "Message-ID")[0] ?? "");
    for (const id of messageIds) expect(id).toMatch(/^<causette\.\d+\.[A-Za-z0-9-]+@127\.0\.0\.1>$/);
    const times = new Map<string, number>();
    for (const id of messageIds) times.set(id, (times.get(id) ?? 0) + 1);
    const resent = [...times].filter(([, n]) => n > 1);
    // Each token (comment) once among the distinct e-mails: its alert, and one reply e-mail.
    const distinct = (mails: ReceivedMail[]) =>
      mails.filter(
        (m, i) => mails.findIndex((o) => header(o, "Message-ID")[0] === header(m, "Message-ID")[0]) === i,
      );
    const missingOrDoubled = tokens.filter(
      (t) => countIn(distinct(ownerMails), t) !== 1 || countIn(distinct(replyMails), t) !== 1,
    );
    console.log(
      `[cluster] ${N} replies, A killed after ${killedAfter} alerts: ${ownerMails.length} owner alerts and ${replyMails.length} grouped reply e-mails in ${doneMs.toFixed(0)} ms; sent twice: ${resent.length ? resent.map(([id]) => id).join(", ") : "none"}`,
    );
    expect(missingOrDoubled).toEqual([]);
    // The bound of at-least-once: one server killed, at most the one message it had handed
    // to the relay and not yet recorded sent goes twice, with the same Message-ID.
    expect(resent.length).toBeLessThanOrEqual(1);
    for (const [, n] of resent) expect(n).toBe(2);
    expect(ownerMails.length + replyMails.length).toBe(
      distinct(ownerMails).length + distinct(replyMails).length + resent.length,
    );
    expect(distinct(ownerMails)).toHaveLength(N + 1);
    // The parent's alert once, the confirmation once.
    expect(countIn(ownerMails, "parent-comment")).toBe(1);
    expect(sink.messages().filter((m) => m.to.includes(READER) && /confirm/i.test(m.subject)).length).toBe(1);
    // Every message the outbox holds is sent: none dead, none waiting, none dropped.
    expect(outbox()).toEqual({ sent: expect.any(Number) });
  });
});
