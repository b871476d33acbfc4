// The browser tests drive Debian's Chromium (never a downloaded browser), and the e-mail
// tests Debian's python3-aiosmtpd. When one is missing and this machine can install it
// (root on Debian), install it and say so; otherwise stop with a message that says how —
// never skip those tests silently.
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

/** Debian's packages the tests run, each with how to tell it is there. */
const PACKAGES = [
  // The browser tests.
  { name: "chromium", present: () => existsSync(CHROMIUM) },
  // The e-mail tests' SMTP server, in its own process (e2e/harness/smtp-sink.py).
  {
    name: "python3-aiosmtpd",
    present: () => spawnSync("/usr/bin/python3", ["-c", "import aiosmtpd"]).status === 0,
  },
];

/** Installs what the tests need and is missing (as root on Debian), or says how and stops. */
export function ensureChromium() {
  const missing = PACKAGES.filter((p) => !p.present()).map((p) => p.name);
  if (!missing.length) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (!isRoot || !hasApt) {
    console.error(
      `The tests need Debian's ${missing.join(" and ")}, missing here.\n` +
        `Install, then run pnpm test again:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(" ")}`,
    );
    process.exit(1);
  }
  console.log(`Missing: installing Debian's ${missing.join(", ")} (apt-get install -y)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", ...missing],
  ]) {
    const run = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (run.status !== 0) {
      console.error(
        `apt-get ${args.join(" ")} failed; install ${missing.join(" ")} by hand and run pnpm test again.`,
      );
      process.exit(1);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
