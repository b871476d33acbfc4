// The built server (`causette serve`) as a separate process on a free port with a temporary
// SQLite file: what the end-to-end tests, the benchmarks and the screenshot scripts run.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..");
export const CLI = join(ROOT, "packages/server/dist/cli.js");

/**
 * Asks the kernel for a free TCP port on the loopback interface.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * @typedef {object} RunningServer
 * @property {string} url e.g. "http://127.0.0.1:40123"
 * @property {number} port
 * @property {string} dbPath
 * @property {() => string} output everything the process printed, for assertions and failure reports
 * @property {() => Promise<void>} stop
 * @property {() => Promise<void>} crash `kill -9`: no shutdown, what a power cut does (stop then only cleans up; the files stay)
 */

/**
 * Starts `causette serve` (with `args`) on a free port and a temporary SQLite file, rate
 * limits off, `env` on top; resolves once `/healthz` answers.
 * @param {Record<string, string>} [env]
 * @param {string[]} [args]
 * @returns {Promise<RunningServer>}
 */
export async function startServer(env = {}, args = []) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm build\` first (pnpm test does).`);
  const dir = await mkdtemp(join(tmpdir(), "causette-"));
  // A test that must know the port beforehand (CAUSETTE_PUBLIC_URL) passes CAUSETTE_PORT.
  const port = env.CAUSETTE_PORT ? Number(env.CAUSETTE_PORT) : await freePort();
  const dbPath = env.CAUSETTE_DB ?? join(dir, "causette.db");
  let output = "";
  const child = spawn(process.execPath, [CLI, "serve", ...args], {
    cwd: dir,
    env: {
      ...process.env,
      DATABASE_URL: "",
      CAUSETTE_PORT: String(port),
      CAUSETTE_HOST: "127.0.0.1",
      CAUSETTE_DB: dbPath,
      CAUSETTE_RATE_LIMIT: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d) => {
    output += d;
  });
  child.stderr.on("data", (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not answer /healthz within 15 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    dbPath,
    output: () => output,
    crash: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
