#!/usr/bin/env node
// `pnpm test`: everything, in order, from a fresh clone — Chromium check, build, then the
// checks that only read the sources side by side (type check, lint, the architecture's rules
// in .dependency-cruiser.cjs), then every Vitest project (unit, component, size budgets,
// browser end-to-end, the packed npm packages).
import { spawn, spawnSync } from "node:child_process";
import { ensureChromium } from "./ensure-chromium.mjs";

const build = ["build", ["pnpm", "build"]];
// Independent of one another once the packages are built: run together, each one's output
// kept and printed whole when it ends.
const checks = [
  ["typecheck", ["pnpm", "typecheck"]],
  ["typecheck (e2e, bench, scripts)", ["pnpm", "exec", "tsc", "-p", "tsconfig.json"]],
  ["lint", ["pnpm", "exec", "biome", "ci", "."]],
  ["architecture", ["pnpm", "run", "--silent", "architecture"]],
];
const tests = ["tests", ["pnpm", "exec", "vitest", "run", ...process.argv.slice(2)]];

const t0 = Date.now();
const timings = [];
const secs = (start) => ((Date.now() - start) / 1000).toFixed(1);
const fail = (name, status, took) => {
  console.error(`\n✗ ${name} failed (exit ${status}) after ${took} s`);
  process.exit(typeof status === "number" && status > 0 ? status : 1);
};

/** Runs one step with its output on the terminal as it comes. */
function inline([name, [cmd, ...args]]) {
  const start = Date.now();
  console.log(`\n▶ ${name}: ${cmd} ${args.join(" ")}`);
  const run = spawnSync(cmd, args, { stdio: "inherit" });
  timings.push(`${name} ${secs(start)} s`);
  if (run.status !== 0) fail(name, run.status ?? run.signal, secs(start));
}

/** Runs one step with its output kept, and prints it when the step ends. */
function buffered([name, [cmd, ...args]]) {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => out.push(d));
    child.on("close", (code, signal) => {
      const took = secs(start);
      console.log(`\n▶ ${name}: ${cmd} ${args.join(" ")} (${took} s)`);
      process.stdout.write(Buffer.concat(out));
      timings.push(`${name} ${took} s`);
      resolve({ name, status: code ?? signal, took });
    });
  });
}

ensureChromium();
inline(build);
const start = Date.now();
const results = await Promise.all(checks.map(buffered));
timings.push(`(checks together ${secs(start)} s)`);
const failed = results.find((r) => r.status !== 0);
if (failed) fail(failed.name, failed.status, failed.took);
inline(tests);
console.log(`\n✓ all steps passed in ${secs(t0)} s (${timings.join(", ")})`);
