import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture } from "../test-utils/import-fixtures.js";

// The CLI as users run it: the built file (pnpm test builds first).
const CLI = resolve(import.meta.dirname, "../../dist/cli.js");
const built = existsSync(CLI);
if (!built) console.log(`[import cli] ${CLI} is missing (run pnpm build): skipping the CLI tests`);

function causette(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", CAUSETTE_DB: "", ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe.skipIf(!built)("causette import / export (CLI)", { timeout: 60_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "causette-cli-import-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("imports a WordPress export into a new database and prints the report", () => {
    const db = join(dir, "wp.db");
    const run = causette(["import", "wordpress", fixture("wordpress.xml"), "--db", db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Imported 7 comment\(s\) on 2 new page\(s\)\./);
    expect(run.stdout).toMatch(/pingback: 1/);
    expect(run.stdout).toMatch(/wordpress\.xml:87: comment 107: its parent 99/);
    const again = causette(["import", "wordpress", fixture("wordpress.xml"), "--db", db, "--json"]);
    expect(JSON.parse(again.stdout).comments.imported).toBe(0);
  });

  it("exits 1 on malformed XML, says where, and imports nothing", () => {
    const db = join(dir, "bad.db");
    const run = causette(["import", "wordpress", fixture("malformed.xml")], { CAUSETTE_DB: db });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/malformed\.xml:116:\d+: malformed XML/);
    expect(run.stderr).toMatch(/Nothing was imported/);
    const exported = JSON.parse(causette(["export"], { CAUSETTE_DB: db }).stdout);
    expect(exported.comments).toEqual([]);
  });

  it("exits 2 with the usage on a bad command line", () => {
    const run = causette(["import", "blogger", "x.xml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown format "blogger"/);
    expect(run.stderr).toMatch(/Usage: causette import/);
  });

  it("round-trips through export and import json, on SQLite and PostgreSQL", async () => {
    const a = join(dir, "a.db");
    causette(["import", "wordpress", fixture("wordpress.xml"), "--db", a, "--site", "blog"]);
    causette(["import", "disqus", fixture("disqus.xml"), "--db", a, "--site", "blog"]);
    const first = causette(["export", "--site", "blog", "--db", a]);
    expect(first.code).toBe(0);
    const file = join(dir, "blog.json");
    await writeFile(file, first.stdout);

    const b = join(dir, "b.db");
    expect(causette(["import", "json", file, "--db", b]).code).toBe(0);
    expect(causette(["export", "--site", "blog", "--db", b]).stdout).toBe(first.stdout);

    const url = process.env.DATABASE_URL;
    if (!url) {
      console.log("[import cli] DATABASE_URL is not set: skipping the PostgreSQL round trip");
      return;
    }
    // A schema of its own, dropped afterwards: the database may be shared.
    const schema = `t_import_cli_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    try {
      const scoped = new URL(url);
      scoped.searchParams.set("options", `-c search_path=${schema}`);
      expect(causette(["import", "json", file, "--database-url", scoped.toString()]).code).toBe(0);
      const pgExport = causette(["export", "--site", "blog"], { DATABASE_URL: scoped.toString() });
      expect(pgExport.stdout).toBe(first.stdout);
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });
});
