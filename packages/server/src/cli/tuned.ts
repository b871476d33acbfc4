/**
 * `causette import` in a Node.js process with IMPORT_V8_FLAGS. The CLI decides it first
 * thing (cli.ts), before it loads the importer: the process that waits for the import then
 * holds no more than the CLI's entry point.
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";

/**
 * V8 flags for an import: a young generation of at most 8 MiB instead of 16. A large import
 * makes short-lived objects at a steady pace, and the default lets the heap grow past what
 * it keeps alive: on the bench's 100,000 comments the peak memory was 126–151 MiB, and is
 * 121–135 MiB with this, at the same speed (4 MiB saves more and costs a third of the speed).
 */
export const IMPORT_V8_FLAGS = ["--max-semi-space-size=8"];

/** Whether this process has its young generation sized already: by us, or in NODE_OPTIONS. */
export function semiSpaceSet(
  execArgv = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? "",
): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((a) => a.startsWith("--max-semi-space-size"));
}

/**
 * Runs this CLI again (the same script and arguments) in a Node.js process with `flags`;
 * resolves to its exit code.
 */
export function rerunWith(flags: string[]): Promise<number> {
  const child = spawn(process.execPath, [...flags, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
  });
  // Ctrl-C reaches the child through the terminal; a TERM sent to this process is passed on.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGTERM", forward);
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      process.off("SIGTERM", forward);
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
    child.on("error", () => resolve(1));
  });
}
