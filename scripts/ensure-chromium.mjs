// The browser tests drive Debian's Chromium (never a downloaded browser). When it is missing
// and this machine can install it (root on Debian), install it and say so; otherwise stop
// with a message that says how — never skip the browser tests silently.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/**
 * The flags every Causette browser run uses (tests, screenshots, benchmarks). Without the
 * background-networking ones Chromium keeps calling Google's hosts, which a closed network refuses.
 */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches Debian's Chromium through playwright-core with those flags, plus `extraArgs`. */
export function launchChromium(extraArgs = []) {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (!isRoot || !hasApt) {
    console.error(
      `The browser tests need Debian's Chromium at ${CHROMIUM}, and it is missing.\n` +
        "Install it, then run pnpm test again:\n  sudo apt-get update && sudo apt-get install -y chromium",
    );
    process.exit(1);
  }
  console.log(`Chromium is missing: installing Debian's package (apt-get install -y chromium)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "chromium"],
  ]) {
    const run = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (run.status !== 0) {
      console.error(`apt-get ${args.join(" ")} failed; install chromium by hand and run pnpm test again.`);
      process.exit(1);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
