#!/usr/bin/env node
// `pnpm test`: everything, in order, from a fresh clone — Chromium check, build, type check,
// lint, the architecture's rules (.dependency-cruiser.cjs), then every Vitest project (unit,
// component, size budgets, browser end-to-end, the packed npm packages).
import { spawnSync } from "node:child_process";
import { ensureChromium } from "./ensure-chromium.mjs";

const steps = [
  ["build", ["pnpm", "build"]],
  ["typecheck", ["pnpm", "typecheck"]],
  ["typecheck (e2e, bench, scripts)", ["pnpm", "exec", "tsc", "-p", "tsconfig.json"]],
  ["lint", ["pnpm", "exec", "biome", "ci", "."]],
  ["architecture", ["pnpm", "run", "--silent", "architecture"]],
  ["tests", ["pnpm", "exec", "vitest", "run", ...process.argv.slice(2)]],
];

const t0 = Date.now();
ensureChromium();
const timings = [];
for (const [name, [cmd, ...args]] of steps) {
  const start = Date.now();
  console.log(`\n▶ ${name}: ${cmd} ${args.join(" ")}`);
  const run = spawnSync(cmd, args, { stdio: "inherit" });
  const secs = ((Date.now() - start) / 1000).toFixed(1);
  timings.push(`${name} ${secs} s`);
  if (run.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${run.status ?? run.signal}) after ${secs} s`);
    process.exit(run.status || 1);
  }
}
console.log(`\n✓ all steps passed in ${((Date.now() - t0) / 1000).toFixed(1)} s (${timings.join(", ")})`);
