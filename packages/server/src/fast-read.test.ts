/**
 * The cached thread reads answered on node:http before Hono (fast-read.ts) answer exactly as
 * Hono does: two servers on one SQLite file, one with the fast path (as `causette serve`
 * runs) and one without, asked the same requests over TCP; the raw answers are compared.
 */
import { createServer, get, type IncomingHttpHeaders, type Server, type ServerOptions } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeApp } from "./app.js";
import { loadConfig } from "./config.js";
import type { NodeListener } from "./fast-read.js";
import { sqliteStore, type TestStore } from "./test-utils/stores.js";

let t: TestStore;
let fast: { url: string; server: Server; honoCalls: number; lines: string[] };
let plain: { url: string; server: Server; lines: string[] };

async function listen(server: Server): Promise<string> {
  if (!server.listening)
    await new Promise<void>((r, fail) => {
      server.once("listening", r);
      server.once("error", fail);
    });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  t = await sqliteStore();
  const config = { ...loadConfig({}), rateLimit: 0, moderation: "none" as const };
  const fastLines: string[] = [];
  const withFast = createNodeApp({ store: t.store, config, log: (l) => fastLines.push(l) });
  const counted = { honoCalls: 0 };
  const fastServer = serve({
    fetch: withFast.app.fetch,
    port: 0,
    hostname: "127.0.0.1",
    createServer: ((options: ServerOptions, listener: NodeListener) =>
      createServer(
        options,
        withFast.withFastReads((req, res) => {
          counted.honoCalls++;
          listener(req, res);
        }),
      )) as typeof createServer,
  }) as Server;
  const plainLines: string[] = [];
  const honoOnly = createNodeApp({ store: t.store, config, log: (l) => plainLines.push(l) });
  const plainServer = serve({ fetch: honoOnly.app.fetch, port: 0, hostname: "127.0.0.1" }) as Server;
  fast = {
    url: await listen(fastServer),
    server: fastServer,
    lines: fastLines,
    get honoCalls() {
      return counted.honoCalls;
    },
  };
  plain = { url: await listen(plainServer), server: plainServer, lines: plainLines };
  // A thread of a few comments, written through the API.
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${plain.url}/api/comments`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        page: "/fast/",
        author: { name: `Reader ${i}` },
        body: `Comment ${i} ${"long ".repeat(300)}`,
      }),
    });
    expect(res.status, await res.text()).toBe(201);
  }
}, 60_000);

afterAll(async () => {
  for (const s of [fast?.server, plain?.server]) {
    s?.closeAllConnections();
    await new Promise((r) => s?.close(r));
  }
  await t?.cleanup();
}, 60_000);

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function raw(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((done, fail) => {
    get(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on("error", fail);
    }).on("error", fail);
  });
}

function decoded(r: Raw): string {
  const encoding = r.headers["content-encoding"];
  const bytes =
    encoding === "br" ? brotliDecompressSync(r.body) : encoding === "gzip" ? gunzipSync(r.body) : r.body;
  return bytes.toString("utf8");
}

/** Headers but the date (and the connection's), which differ between two answers anyway. */
function comparable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const { date: _date, connection: _c, "keep-alive": _k, ...rest } = headers;
  return rest;
}

/** The JSON's form token changes each second: the rest must be the same. */
function withoutToken(text: string): unknown {
  const { formToken, ...rest } = JSON.parse(text);
  expect(formToken).toEqual(expect.any(String));
  return rest;
}

describe("the cached thread reads on node:http (fast-read.ts)", () => {
  it.each([
    ["identity", {}],
    ["br", { "Accept-Encoding": "gzip, deflate, br" }],
    ["gzip", { "Accept-Encoding": "gzip" }],
  ])("GET /api/comments (%s) answers as Hono does, without Hono", async (encoding, headers) => {
    const path = "/api/comments?page=%2Ffast%2F";
    const calls = fast.honoCalls;
    const [a, b] = [await raw(`${fast.url}${path}`, headers), await raw(`${plain.url}${path}`, headers)];
    expect(fast.honoCalls).toBe(calls);
    expect(a.status).toBe(200);
    expect(comparable(a.headers)).toEqual(comparable(b.headers));
    expect(a.headers["content-encoding"]).toBe(encoding === "identity" ? undefined : encoding);
    expect(a.headers["access-control-allow-origin"]).toBe("*");
    expect(a.headers["x-content-type-options"]).toBe("nosniff");
    expect(Number(a.headers["content-length"])).toBe(a.body.length);
    const thread = withoutToken(decoded(a)) as { comments: unknown[] };
    expect(thread.comments).toHaveLength(3);
    expect(thread).toEqual(withoutToken(decoded(b)));
  });

  it.each([
    ["identity", {}],
    ["br", { "Accept-Encoding": "br" }],
  ])(
    "GET /api/comments.html (%s) answers as Hono does, ETag and 304 included",
    async (_encoding, headers) => {
      const path = "/api/comments.html?page=/fast/&lang=fr";
      const calls = fast.honoCalls;
      const [a, b] = [await raw(`${fast.url}${path}`, headers), await raw(`${plain.url}${path}`, headers)];
      expect(a.status).toBe(200);
      // The fragment names the server the browser sees: the two servers' ports differ.
      expect(decoded(a).replaceAll(fast.url, "SERVER")).toBe(decoded(b).replaceAll(plain.url, "SERVER"));
      const sameTags = { ...comparable(a.headers), etag: "", "content-length": "" };
      expect(sameTags).toEqual({ ...comparable(b.headers), etag: "", "content-length": "" });
      const again = await raw(`${fast.url}${path}`, { ...headers, "If-None-Match": a.headers.etag! });
      const plainAgain = await raw(`${plain.url}${path}`, { ...headers, "If-None-Match": b.headers.etag! });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(comparable(again.headers)).toEqual({ ...comparable(plainAgain.headers), etag: a.headers.etag });
      expect(fast.honoCalls).toBe(calls);
    },
  );

  it("leaves a bad read, a HEAD and any other request to Hono, which answers them as ever", async () => {
    const calls = fast.honoCalls;
    for (const path of [
      "/api/comments?page=/fast/&sort=sideways",
      "/api/comments/",
      "/api/commentsx",
      "/healthz",
    ]) {
      const [a, b] = [await raw(`${fast.url}${path}`), await raw(`${plain.url}${path}`)];
      expect(a.status, path).toBe(b.status);
      expect(comparable(a.headers), path).toEqual(comparable(b.headers));
      expect(a.body.toString(), path).toBe(b.body.toString());
    }
    const bad = await raw(`${fast.url}/api/comments?page=/fast/&sort=sideways`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).error.field).toBe("sort");
    expect(bad.headers["x-content-type-options"]).toBe("nosniff");
    const head = await new Promise<number>((done, fail) =>
      get(`${fast.url}/api/comments?page=/fast/`, { method: "HEAD", agent: false }, (res) => {
        res.resume();
        done(res.statusCode!);
      }).on("error", fail),
    );
    expect(head).toBe(200);
    // Each once to Hono: the two bad reads (after the fast path gave up on them), the three
    // other paths, the HEAD.
    expect(fast.honoCalls - calls).toBe(2 + 3 + 1);
  });

  it("logs each read it answers as requestLog does", async () => {
    fast.lines.length = 0;
    await raw(`${fast.url}/api/comments?page=/fast/`);
    await raw(`${fast.url}/api/comments.html?page=/fast/`);
    await raw(`${fast.url}/api/comments?page=/fast/&sort=sideways`);
    const lines = fast.lines.map((l) => JSON.parse(l));
    expect(lines.map(({ method, path, status }) => [method, path, status])).toEqual([
      ["GET", "/api/comments", 200],
      ["GET", "/api/comments.html", 200],
      ["GET", "/api/comments", 400],
    ]);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(["time", "method", "path", "status", "ms"]);
      expect(line.ms).toBeGreaterThanOrEqual(0);
    }
  });
});
