import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseSecret } from "../hooks/config.js";
import { UsageError } from "./args.js";
import { webhooks } from "./webhooks.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "causette-hooks-cli-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function printed(argv: string[]): Promise<string> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
  try {
    expect(await webhooks.run(argv)).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return lines.join("\n");
}

describe("causette webhooks secret", () => {
  it("prints a fresh secret, or the database's own, the same every time", async () => {
    const fresh = await printed(["secret", "--new"]);
    expect(parseSecret(fresh)).toHaveLength(32);
    expect(await printed(["secret", "--new"])).not.toBe(fresh);
    vi.stubEnv("CAUSETTE_WEBHOOK_SECRET", "");
    vi.stubEnv("DATABASE_URL", "");
    try {
      const db = join(dir, "a.db");
      const derived = await printed(["secret", "--db", db]);
      expect(parseSecret(derived)).toHaveLength(32);
      expect(await printed(["secret", "--db", db])).toBe(derived);
      expect(await printed(["secret", "--db", join(dir, "b.db")])).not.toBe(derived);
      vi.stubEnv("CAUSETTE_WEBHOOK_SECRET", fresh);
      expect(await printed(["secret", "--db", db])).toBe(fresh);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("says what it expects", async () => {
    await expect(webhooks.run([])).rejects.toThrow(UsageError);
    await expect(webhooks.run(["rotate"])).rejects.toThrow(UsageError);
  });
});
