import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "./ports.js";

export const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "packages/server/dist/cli.js");

export interface RunningServer {
  /** e.g. "http://127.0.0.1:40123" */
  url: string;
  port: number;
  dbPath: string;
  /** Everything the process printed, for assertions on logs and for failure reports. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the built server (`causette serve`) as a separate process on a free port with a
 * temporary SQLite file, and waits until `/healthz` answers.
 */
export async function startServer(
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<RunningServer> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm build\` first (pnpm test does).`);
  const dir = await mkdtemp(join(tmpdir(), "causette-e2e-"));
  const port = await freePort();
  const dbPath = join(dir, "causette.db");
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [CLI, "serve", ...args], {
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
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
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
    stop: async () => {
      if (child.exitCode === null) {
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
