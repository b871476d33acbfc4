// The production set-up of docs/self-hosting.md, for real: the built server with the env file
// and unit settings that page documents, behind nginx terminating TLS with the page's own
// `location /` lines, and Chromium logging in to /admin through it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./harness/browser.js";
import { NGINX, startNginx } from "./harness/nginx.js";
import { freePort } from "./harness/ports.js";
import { ROOT, type RunningServer, startServer } from "./harness/server.js";

const OPENSSL = "/usr/bin/openssl";
const missing = [NGINX, OPENSSL].filter((bin) => !existsSync(bin));
if (missing.length) console.log(`[behind-nginx] ${missing.join(" and ")} missing: skipping the nginx test`);

/** The settings the page documents: its env file and the unit's `Environment=` lines. */
function documentedEnv(page: string): Record<string, string> {
  const envFile = /# \/etc\/causette\/env\n([\s\S]*?)```/.exec(page)?.[1] ?? "";
  const unit = [...page.matchAll(/^Environment=(CAUSETTE_\w+=.*)$/gm)].map((m) => m[1]!);
  const env: Record<string, string> = {};
  for (const line of [...envFile.split("\n"), ...unit]) {
    const match = /^(CAUSETTE_\w+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]!] = match[2]!;
  }
  // The test harness picks the address, port and database file.
  for (const name of ["CAUSETTE_HOST", "CAUSETTE_PORT", "CAUSETTE_DB"]) delete env[name];
  return env;
}

describe.skipIf(missing.length > 0)("the documented production set-up, behind nginx with TLS", () => {
  let server: RunningServer;
  let browser: Browser;
  let dir: string;
  let origin: string;
  let stopNginx: () => Promise<void> = async () => {};
  let env: Record<string, string>;

  beforeAll(async () => {
    const page = await readFile(join(ROOT, "docs/self-hosting.md"), "utf8");
    env = documentedEnv(page);
    // The documented default rate limit, not the harness's "off".
    server = await startServer({ CAUSETTE_RATE_LIMIT: "", ...env });
    dir = await mkdtemp(join(tmpdir(), "causette-nginx-"));
    const made = spawnSync(OPENSSL, [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
    ]);
    if (made.status !== 0) throw new Error(`openssl: ${made.stderr}`);
    const documented = /^ {4}location \/ \{[\s\S]*?^ {4}\}/m.exec(page)?.[0];
    if (!documented?.includes("proxy_set_header Host $host;"))
      throw new Error("docs/self-hosting.md has no `location / { … }` block with `Host $host` any more");
    // `$host` has no port: right on 443, as documented; this test listens on another port.
    const location = documented.replace("Host $host;", "Host $http_host;");
    const port = await freePort();
    origin = `https://127.0.0.1:${port}`;
    const nginx = await startNginx(
      dir,
      port,
      `  upstream causette {
    server 127.0.0.1:${server.port};
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${dir}/cert.pem;
    ssl_certificate_key ${dir}/key.pem;
    client_max_body_size 128k;
${location}
  }`,
    );
    stopNginx = nginx.stop;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), stopNginx(), server?.stop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("documents blog origins that are not the admin's own, and a trusted local proxy", () => {
    expect(env.CAUSETTE_ORIGINS).toBe("https://blog.example.com");
    expect(env.CAUSETTE_TRUST_PROXY).toBe("loopback");
    expect(env.CAUSETTE_ADMIN_PASSWORD).toBeTruthy();
  });

  it("lets the admin log in to /admin through the proxy, with a Secure cookie, and work", async () => {
    const ctx = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await ctx.newPage();
    await page.goto(`${origin}/admin/`);
    await page.getByLabel("Admin password").fill(env.CAUSETTE_ADMIN_PASSWORD!);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("heading", { name: "Pending comments" }).waitFor();
    const [cookie] = await ctx.cookies();
    expect(cookie).toMatchObject({ name: "causette_admin", secure: true, sameSite: "Strict" });
    // A write of the admin's own, through the proxy: add a word to the block list.
    await page.getByRole("link", { name: "Block list" }).click();
    await page.getByRole("heading", { name: "Block list" }).waitFor();
    const added = page.waitForResponse(
      (res) => res.url().endsWith("/api/admin/bans") && res.request().method() === "POST",
    );
    await page.evaluate(() =>
      fetch("/api/admin/bans", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ kind: "word", value: "casino" }),
      }),
    );
    expect((await added).status()).toBe(201);
    await ctx.close();
  });

  it("answers an oversize body with 413 and closes, through the proxy's pooled connections", async () => {
    const ctx = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await ctx.newPage();
    await page.goto(`${origin}/healthz`);
    const statuses = await page.evaluate(async () => {
      const big = await fetch("/api/comments", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ page: "/big/", author: { name: "A" }, body: "a".repeat(100_000) }),
      });
      const next = await fetch("/healthz");
      return [big.status, next.status];
    });
    expect(statuses).toEqual([413, 200]);
    await ctx.close();
  });
});
