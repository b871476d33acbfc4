// The built server (`causette serve`) as its own process for the benchmarks that bring
// their own database (a seeded SQLite file or DATABASE_URL): no rate limit, a free port,
// quiet. (scripts/built-server.mjs starts one on a fresh temporary SQLite file instead.)
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";

const CLI = join(resolve(import.meta.dirname, ".."), "packages/server/dist/cli.js");

/**
 * @param {Record<string, string>} env added to this process's environment
 * @returns {Promise<{ child: import("node:child_process").ChildProcess, url: string, stop: () => Promise<void> }>}
 */
export async function startServer(env) {
  const child = spawn(process.execPath, [CLI, "serve", "--port", "0", "--quiet"], {
    env: { ...process.env, CAUSETTE_RATE_LIMIT: "0", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  const deadline = Date.now() + 30_000;
  while (!out.includes('"listening"')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = JSON.parse(out.split("\n").find((l) => l.includes('"listening"'))).url;
  const stop = () =>
    new Promise((r) => {
      if (child.exitCode !== null) return r(undefined);
      child.once("exit", r);
      child.kill("SIGTERM");
    });
  return { child, url, stop };
}
