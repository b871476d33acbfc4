// A real SMTP server in its own process (e2e/harness/smtp-sink.py, Debian's python3-aiosmtpd)
// and what it received.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Debian's Python, where python3-aiosmtpd is installed (not a pyenv or venv one on PATH). */
const PYTHON = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

export interface ReceivedMail {
  from: string;
  to: string[];
  headers: [string, string][];
  subject: string;
  text: string | null;
  html: string | null;
}

export interface SmtpSink {
  port: number;
  /** Every message received so far, oldest first (kept across stop and start). */
  messages(): ReceivedMail[];
  /** Waits until `count` messages matching `match` arrived; returns them. */
  waitFor(match: (m: ReceivedMail) => boolean, count?: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Stops listening (the relay is "down"); `start` listens again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export function header(mail: ReceivedMail, name: string): string[] {
  return mail.headers
    .filter(([k]) => k.toLowerCase() === name.toLowerCase())
    .map(([, v]) => v.replace(/\r?\n[ \t]+/g, " ").trim());
}

export async function startSink(folder: string, port: number): Promise<SmtpSink> {
  let child: ChildProcess | null = null;
  const start = async () => {
    const proc = spawn(PYTHON, [join(import.meta.dirname, "smtp-sink.py"), folder, String(port)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    let out = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`SMTP sink did not start: ${out}`)), 10_000);
      const seen = (d: Buffer) => {
        out += d;
        if (out.includes("ready")) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout?.on("data", seen);
      proc.stderr?.on("data", (d) => {
        out += d;
      });
      proc.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`SMTP sink exited with ${code}: ${out}`));
      });
    });
  };
  const messages = (): ReceivedMail[] =>
    existsSync(folder)
      ? readdirSync(folder)
          .filter((f) => f.endsWith(".json"))
          .sort()
          .map((f) => JSON.parse(readFileSync(join(folder, f), "utf8")) as ReceivedMail)
      : [];
  await start();
  return {
    port,
    messages,
    async waitFor(match, count = 1, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages().filter(match);
        if (found.length >= count) return found;
        if (Date.now() > deadline)
          throw new Error(
            `expected ${count} matching message(s), got ${found.length}; all: ${JSON.stringify(messages().map((m) => [m.to, m.subject]))}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      const proc = child as ChildProcess | null;
      if (!proc || proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      await exited;
      child = null;
    },
    start,
  };
}
