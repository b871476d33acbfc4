#!/usr/bin/env node
// `pnpm bench`: prints figures. Each benchmark is a script in bench/; render.bench.mjs alone exits
// non-zero, when the widget misses issue #16's budget against a static page (this runner goes on).
// Usage: pnpm bench [name …]   (default: every benchmark that needs nothing extra)
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const all = ["sizes", "api", "import", "render", "live", "mail", "webhooks"];
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : all;
for (const name of chosen) {
  const file = join(import.meta.dirname, `${name}.bench.mjs`);
  if (!existsSync(file)) {
    console.log(`(bench ${name}: not written yet)`);
    continue;
  }
  console.log(`\n## ${name}`);
  const run = spawnSync(process.execPath, [file], { stdio: "inherit" });
  if (run.status !== 0) console.log(`(bench ${name} exited with ${run.status})`);
}
