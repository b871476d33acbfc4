/**
 * `causette pages` as users run it (the built dist/cli.js), against the database a server in
 * this process is serving: the server sees each change without a restart.
 * Run `pnpm --filter @causette/server build` first.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { loadConfig } from "../config.js";
import { openStore } from "../store/open.js";
import type { Store } from "../store/types.js";
import { json, post } from "../test-utils/app.js";
import { DATABASE_URL, postgresSchema } from "../test-utils/stores.js";

const CLI = new URL("../../dist/cli.js", import.meta.url).pathname;

/** The databases to run on, each as the CLI flags that name it. */
const targets: { label: string; setup: () => Promise<{ flags: string[]; teardown: () => Promise<void> }> }[] =
  [
    {
      label: "sqlite",
      setup: async () => {
        const dir = await mkdtemp(join(tmpdir(), "causette-pages-"));
        return {
          flags: ["--db", join(dir, "pages.db")],
          teardown: () => rm(dir, { recursive: true, force: true }),
        };
      },
    },
  ];
if (DATABASE_URL)
  targets.push({
    label: "postgres",
    setup: async () => {
      const { url, drop } = await postgresSchema("cli_pages");
      return { flags: ["--database-url", url], teardown: drop };
    },
  });

for (const target of targets) {
  describe(`causette pages on ${target.label} (built CLI)`, { timeout: 120_000 }, () => {
    let flags: string[];
    let teardown: () => Promise<void>;
    let store: Store;
    let app: ReturnType<typeof createApp>;

    beforeAll(async () => {
      if (!existsSync(CLI))
        throw new Error(`${CLI} is missing: run \`pnpm --filter @causette/server build\` first.`);
      ({ flags, teardown } = await target.setup());
      const [kind, where] = flags as [string, string];
      store = await openStore(kind === "--db" ? { dbPath: where } : { databaseUrl: where });
      app = createApp({ store, config: { ...loadConfig({}), rateLimit: 0 } });
    });
    afterAll(async () => {
      await store?.close();
      await teardown?.();
    });

    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, "pages", ...args, ...flags], {
        env: { ...process.env, DATABASE_URL: "" },
        encoding: "utf8",
        timeout: 60_000,
      });
    const create = (page: string) =>
      app.request("/api/comments", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(post(page)),
      });
    const thread = async (page: string) =>
      (await json(await app.request(`/api/comments?page=${encodeURIComponent(page)}`))).comments as unknown[];
    /** The server notices another process's change within a second. */
    const settle = () => new Promise((r) => setTimeout(r, 1100));

    it("moves a thread while the server runs, lists it, and undoes it", async () => {
      await create("/2016/08/arreter/");
      await create("/2016/08/arreter/");
      expect(await thread("/2016/08/arreter/")).toHaveLength(2);

      const moved = cli("move", "/2016/08/arreter/", "/arreter-de-fumer/");
      expect(moved.status, moved.stderr).toBe(0);
      expect(moved.stdout).toMatch(
        /^Moved: #1 \/2016\/08\/arreter\/ → \/arreter-de-fumer\/ \(move, 2 comments\)/,
      );
      await settle();
      expect(await thread("/arreter-de-fumer/")).toHaveLength(2);
      expect(await thread("/2016/08/arreter/")).toHaveLength(2);
      const counts = await json(await app.request("/api/counts?page=/2016/08/arreter/"));
      expect(counts.counts).toEqual({ "/2016/08/arreter/": 2 });

      const history = cli("history", "--json");
      expect(history.status).toBe(0);
      expect(JSON.parse(history.stdout).moves).toEqual([
        expect.objectContaining({ id: 1, kind: "move", by: "cli", undoneAt: null }),
      ]);

      const undone = cli("undo");
      expect(undone.status, undone.stderr).toBe(0);
      expect(undone.stdout).toMatch(/^Undone: #1 .* undone .* by cli$/m);
      await settle();
      expect(await thread("/arreter-de-fumer/")).toHaveLength(0);
      expect(await thread("/2016/08/arreter/")).toHaveLength(2);
    });

    it("aliases and merges, and refuses nonsense readably with exit 1 (2 for bad usage)", async () => {
      await create("/a/");
      await create("/b/");
      const onto = cli("move", "/a/", "/b/");
      expect(onto.status).toBe(1);
      expect(onto.stderr).toContain("merge the two threads instead");
      expect(cli("move", "/nope/", "/b/").stderr).toContain('No page "/nope/" on site "default"');

      expect(cli("merge", "/a/", "/b/").status).toBe(0);
      const alias = cli("alias", "/c/", "/b/");
      expect(alias.status, alias.stderr).toBe(0);
      const loop = cli("alias", "/b/", "/c/");
      expect(loop.status).toBe(1);
      expect(loop.stderr).toMatch(/comment|loop/);
      await settle();
      expect(await thread("/c/")).toHaveLength(2);
      expect(await thread("/a/")).toHaveLength(2);

      for (const args of [
        ["teleport", "/a/", "/b/"],
        ["move", "/a/"],
        ["undo", "last"],
        ["history", "extra"],
      ]) {
        const res = cli(...args);
        expect(res.status, args.join(" ")).toBe(2);
        expect(res.stderr).toContain("Usage: causette pages");
      }
      expect(cli("history", "--site", "other").stdout).toContain('No page was moved on site "other"');
    });
  });
}
