/**
 * The built CLI's `causette serve` as a separate process on a free port, as users run it.
 * `pnpm test` builds first; alone, run `pnpm --filter @causette/server build` before.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";

export const CLI = new URL("../../dist/cli.js", import.meta.url).pathname;

export interface Served {
  child: ChildProcess;
  url: string;
  /** Everything the process printed so far. */
  output: () => string;
  /** Its exit code, once it exits. */
  exited: Promise<number | null>;
}

/**
 * Starts `causette serve --port 0 …args` with exactly `env`; resolves once it listens.
 *
 * @example
 * const s = await serveBuilt(["--db", file], { ...process.env, DATABASE_URL: "" });
 * s.child.kill("SIGTERM");
 */
export async function serveBuilt(args: string[], env: NodeJS.ProcessEnv): Promise<Served> {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run \`pnpm --filter @causette/server build\` first.`);
  const child = spawn(process.execPath, [CLI, "serve", "--port", "0", ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => {
    output += d;
  });
  child.stderr!.on("data", (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 15_000;
  while (!/"msg":"listening"/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`serve did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = JSON.parse(output.split("\n").find((l) => l.includes('"listening"'))!).url as string;
  return { child, url, output: () => output, exited };
}
