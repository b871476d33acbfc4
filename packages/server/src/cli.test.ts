/**
 * The built CLI (dist/cli.js) as users run it: over a real port, with real signals.
 * `pnpm test` builds first; alone, run `pnpm --filter @causette/server build` before.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "./test-utils/app.js";
import { CLI, type Served, serveBuilt } from "./test-utils/served.js";
import { DATABASE_URL } from "./test-utils/stores.js";
import { tcpProxy } from "./test-utils/tcp-proxy.js";

let dir: string;

beforeAll(async () => {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run \`pnpm --filter @causette/server build\` first.`);
  dir = await mkdtemp(join(tmpdir(), "causette-cli-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const baseEnv = () => ({ ...process.env, DATABASE_URL: "", CAUSETTE_DB: join(dir, "env.db") });

function run(args: string[], env: NodeJS.ProcessEnv = baseEnv()) {
  return spawnSync(process.execPath, [CLI, ...args], { env, encoding: "utf8", timeout: 60_000 });
}

function serve(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  return serveBuilt(["--db", join(dir, "serve.db"), ...args], {
    ...baseEnv(),
    CAUSETTE_RATE_LIMIT: "0",
    ...env,
  });
}

describe("causette (built CLI)", { timeout: 180_000 }, () => {
  it("prints help with exit 0, and readable errors with exit 2 on bad usage", () => {
    const help = run(["serve", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--port");
    expect(help.stdout).toContain("CAUSETTE_ORIGINS");
    for (const args of [
      ["serve", "--port", "http"],
      ["serve", "--nope"],
      ["frobnicate"],
      [],
      ["migrate", "extra"],
    ]) {
      const res = run(args);
      expect(res.status, args.join(" ")).toBe(2);
      expect(res.stderr + res.stdout).toMatch(/Usage: causette/);
    }
    const badEnv = run(["serve"], { ...baseEnv(), CAUSETTE_MODERATION: "sometimes" });
    expect(badEnv.status).toBe(2);
    expect(badEnv.stderr).toContain("CAUSETTE_MODERATION must be one of none, first, all");
  });

  it("migrate creates a missing database from the flag or the environment", () => {
    const file = join(dir, "nested", "m.db");
    const res = run(["migrate", "--db", file]);
    expect(res.status, res.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(run(["migrate"]).status).toBe(0);
    expect(existsSync(join(dir, "env.db"))).toBe(true);
  });

  it("serves the API over a real port, logs one JSON line per request, and stops cleanly on SIGTERM", async () => {
    const s = await serve();
    try {
      expect(await json(await fetch(`${s.url}/healthz`))).toEqual({ ok: true, database: "ok" });
      const created = await fetch(`${s.url}/api/comments`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: "http://localhost:5000" },
        body: JSON.stringify({ page: "/cli/", author: { name: "Ana" }, body: "over the wire" }),
      });
      expect(created.status).toBe(201);
      expect(created.headers.get("access-control-allow-origin")).toBe("http://localhost:5000");
      const refused = await fetch(`${s.url}/api/comments`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: "https://elsewhere.test" },
        body: JSON.stringify({ page: "/cli/", author: { name: "Ana" }, body: "x" }),
      });
      expect(refused.status).toBe(403);
      const listed = await json(
        await fetch(`${s.url}/api/comments?page=/cli/`, { headers: { "Accept-Encoding": "br" } }),
      );
      expect(listed.comments[0].html).toBe("<p>over the wire</p>");
      const lines = s
        .output()
        .split("\n")
        .filter((l) => l.includes('"path"'))
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => [l.method, l.path, l.status])).toEqual(
        expect.arrayContaining([
          ["POST", "/api/comments", 201],
          ["POST", "/api/comments", 403],
          ["GET", "/api/comments", 200],
        ]),
      );
      for (const l of lines) expect(typeof l.ms).toBe("number");
    } finally {
      s.child.kill("SIGTERM");
    }
    expect(await s.exited).toBe(0);
    expect(s.output()).toContain('"msg":"stopped"');
  });

  it("finishes an in-flight request before stopping", async () => {
    const s = await serve();
    // A body sent slowly keeps the request in flight while the signal arrives.
    const body = new ReadableStream({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode('{"page":"/slow/","author":{"name":"S"},'));
        await new Promise((r) => setTimeout(r, 300));
        controller.enqueue(new TextEncoder().encode('"body":"late"}'));
        controller.close();
      },
    });
    const pending = fetch(`${s.url}/api/comments`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
      duplex: "half",
    });
    await new Promise((r) => setTimeout(r, 100));
    s.child.kill("SIGTERM");
    const res = await pending;
    expect(res.status).toBe(201);
    expect(await s.exited).toBe(0);
  });

  it("refuses to start, readably, when PostgreSQL cannot be reached", () => {
    const res = run(["migrate", "--database-url", "postgres://nobody@127.0.0.1:1/none"]);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/cannot reach PostgreSQL/);
  });

  it("gives up on a PostgreSQL that never answers after CAUSETTE_DB_CONNECT_TIMEOUT, and refuses a bad one", async () => {
    // Accepts connections and never answers; nothing behind it.
    const proxy = await tcpProxy(1);
    try {
      await proxy.setMode("black hole");
      const env = { ...baseEnv(), DATABASE_URL: proxy.through("postgres://nobody@127.0.0.1:1/none") };
      const start = performance.now();
      const res = run(["migrate"], { ...env, CAUSETTE_DB_CONNECT_TIMEOUT: "1" });
      // The default bound is 5 s.
      expect(performance.now() - start).toBeLessThan(4_000);
      expect(res.status).toBe(1);
      expect(res.stderr).toMatch(/did not answer in time/);
      const bad = run(["migrate"], { ...env, CAUSETTE_DB_QUERY_TIMEOUT: "soon" });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('CAUSETTE_DB_QUERY_TIMEOUT must be a whole number ≥ 0, not "soon"');
    } finally {
      await proxy.close();
    }
  });

  it("serves a static folder with --static after the API", async () => {
    const s = await serve(["--static", join(import.meta.dirname, "..", "..", "..", "examples", "blog")]);
    try {
      const page = await fetch(`${s.url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/text\/html/);
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    } finally {
      s.child.kill("SIGTERM");
      await s.exited;
    }
  });

  it.skipIf(!DATABASE_URL)("serves over a real port on PostgreSQL (DATABASE_URL)", async () => {
    const pg = (await import("pg")).default;
    const schema = `cli_${process.pid}`;
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    const url = new URL(DATABASE_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    const s = await serve([], { DATABASE_URL: url.toString() });
    try {
      expect(s.output()).toContain('"database":"postgres"');
      const created = await fetch(`${s.url}/api/comments`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ page: "/pg-cli/", author: { name: "P" }, body: "on postgres" }),
      });
      expect(created.status).toBe(201);
      const listed = await json(await fetch(`${s.url}/api/comments?page=/pg-cli/`));
      expect(listed.comments[0].html).toBe("<p>on postgres</p>");
    } finally {
      s.child.kill("SIGTERM");
      expect(await s.exited).toBe(0);
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  });
});
