import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { builtinModules, createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import type { Rollup } from "vite";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "./harness/ports.js";
import { ROOT } from "./harness/server.js";

// What a user gets from npm: every package under packages/ packed as `npm publish` would
// (pnpm pack turns `workspace:*` into versions), then installed with npm into fresh projects
// outside the workspace, where pnpm's links cannot hide an undeclared dependency.

const run = promisify(execFile);
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
/** Time for npm and, should no prebuilt binary fit, better-sqlite3's compile on two cores. */
const INSTALL_TIMEOUT = 240_000;

interface Packed {
  name: string;
  tarball: string;
  /** The unpacked tarball: exactly the files npm would install. */
  dir: string;
}

let work: string;
const packed = new Map<string, Packed>();

beforeAll(async () => {
  // The tarballs hold the builds: without them every test below would fail for another reason.
  if (!existsSync(join(ROOT, "packages/server/dist/cli.js")))
    throw new Error("packages/*/dist is missing: run `pnpm build` first (pnpm test does).");
  work = await mkdtemp(join(tmpdir(), "causette-pack-"));
  const names = await readdir(join(ROOT, "packages"));
  for (const folder of names.filter((n) => existsSync(join(ROOT, "packages", n, "package.json")))) {
    const { stdout } = await run("pnpm", ["pack", "--json", "--pack-destination", work], {
      cwd: join(ROOT, "packages", folder),
    });
    const { name, filename } = JSON.parse(stdout) as { name: string; filename: string };
    const dir = join(work, "unpacked", folder);
    await mkdir(dir, { recursive: true });
    await run("tar", ["-xzf", filename, "-C", dir, "--strip-components=1"]);
    packed.set(name, { name, tarball: filename, dir });
  }
}, 120_000);
afterAll(() => (work ? rm(work, { recursive: true, force: true }) : undefined));

/** The package a bare specifier names: `@scope/name` or `name`, without a subpath. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

const NODE_BUILTINS = new Set(builtinModules);
/** `createRequire(…).resolve("x")`, as the server finds the widget's and the admin's builds. */
const RESOLVE_CALL = /\.resolve\(\s*["']([^"'.][^"']*)["']\s*\)/g;

/** Every bare specifier a built file imports, requires, references or resolves. */
function bareImports(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  const specifiers = [
    ...info.importedFiles.map((f) => f.fileName),
    ...info.typeReferenceDirectives.map((f) => f.fileName),
    ...[...source.matchAll(RESOLVE_CALL)].map((m) => m[1]!),
  ];
  return specifiers.filter((s) => !s.startsWith(".") && !s.startsWith("/") && !s.startsWith("node:"));
}

async function* builtFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules") yield* builtFiles(path);
    else if (/\.(m?js|d\.m?ts)$/.test(entry.name)) yield path;
  }
}

interface Manifest {
  name: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/**
 * What would keep one packed package from installing: `private` (npm refuses to publish it,
 * so whatever depends on it cannot install), a `workspace:` range left unresolved, and
 * imports npm would not install with it.
 */
async function publishingProblems({ dir }: Packed): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as Manifest;
  const declared = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const problems: string[] = [];
  if (manifest.private) problems.push(`${manifest.name} is private`);
  for (const [dep, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies }))
    if (range.startsWith("workspace:")) problems.push(`${manifest.name} depends on ${dep}@${range}`);
  for await (const file of builtFiles(dir)) {
    for (const specifier of bareImports(await readFile(file, "utf8"))) {
      const pkg = packageOf(specifier);
      if (!declared.has(pkg) && !NODE_BUILTINS.has(pkg))
        problems.push(`${manifest.name}: ${relative(dir, file)} imports "${specifier}"`);
    }
  }
  return problems;
}

/** What `pnpm run` and `pnpm exec` set about their own run, which npm would take as its own. */
const PNPM_RUN_VARS = /^(pnpm_|npm_package_|npm_lifecycle_|npm_config_user_agent$|npm_(node_)?execpath$)/i;

/** npm's environment: the machine's (a registry mirror, say), without pnpm's run variables. */
function npmEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !PNPM_RUN_VARS.test(k)));
  // better-sqlite3 compiles against Debian's Node.js headers when it must (as .pnpmfile.cjs does).
  if (existsSync("/usr/include/node/node_api.h")) env.npm_config_nodedir = "/usr";
  return { ...env, ...extra };
}

/**
 * A fresh npm project in `dir` that depends on `main` (a tarball). The other Causette
 * packages resolve to their tarballs too, but only where a package declares them: npm
 * `overrides` change a declared dependency, never add one.
 */
async function npmProject(dir: string, main: string, extra: Record<string, unknown> = {}): Promise<void> {
  await mkdir(dir, { recursive: true });
  const overrides = Object.fromEntries(
    [...packed.values()].filter((p) => p.name !== main).map((p) => [p.name, `file:${p.tarball}`]),
  );
  const manifest = {
    name: "causette-consumer",
    private: true,
    type: "module",
    dependencies: { [main]: `file:${packed.get(main)!.tarball}` },
    ...extra,
    overrides: { ...overrides, ...(extra.overrides as object) },
  };
  await writeFile(join(dir, "package.json"), JSON.stringify(manifest, null, 2));
}

async function npmInstall(dir: string): Promise<void> {
  const args = ["install", "--prefer-offline", "--no-audit", "--no-fund", "--no-package-lock"];
  await run("npm", args, { cwd: dir, env: npmEnv(), timeout: INSTALL_TIMEOUT });
}

/** Runs the workspace's TypeScript on a project; resolves to its diagnostics, "" when clean. */
async function typecheck(dir: string): Promise<string> {
  try {
    await run(process.execPath, [TSC, "-p", dir]);
    return "";
  } catch (err) {
    return (err as { stdout?: string }).stdout || String(err);
  }
}

/** What npm-published TypeScript is held to: strict, every .d.ts checked, bundler resolution. */
const STRICT_APP = {
  target: "ES2022",
  module: "ESNext",
  moduleResolution: "Bundler",
  strict: true,
  skipLibCheck: false,
  noEmit: true,
  lib: ["ES2022", "DOM"],
  types: [] as string[],
};

describe("the npm packages, packed and installed outside the workspace", () => {
  it("are publishable, and import nothing that their package.json does not declare", async () => {
    expect([...packed.keys()].sort()).toEqual([
      "@causette/admin",
      "@causette/server",
      "@causette/types",
      "@causette/widget",
    ]);
    const problems = (await Promise.all([...packed.values()].map(publishingProblems))).flat();
    expect(problems).toEqual([]);
  });

  it(
    "a Vite + TypeScript app that installs @causette/widget type-checks and builds",
    async () => {
      const app = join(work, "vite-app");
      await npmProject(app, "@causette/widget");
      await mkdir(join(app, "src"));
      await writeFile(
        join(app, "tsconfig.json"),
        JSON.stringify({ compilerOptions: STRICT_APP, include: ["src"] }, null, 2),
      );
      await writeFile(
        join(app, "index.html"),
        `<!doctype html><div id="comments"></div><script type="module" src="/src/main.ts"></script>`,
      );
      await writeFile(
        join(app, "src/main.ts"),
        `import { type CommentsOptions, mountComments } from "@causette/widget";
const options: CommentsOptions = { server: "https://comments.example", page: "/hello/" };
const unmount: () => void = mountComments(document.querySelector<HTMLElement>("#comments")!, options);
window.addEventListener("pagehide", () => unmount());
`,
      );
      await npmInstall(app);

      expect(await typecheck(app)).toBe("");
      const out = (await build({
        configFile: false,
        logLevel: "silent",
        root: app,
        build: { write: false },
      })) as Rollup.RollupOutput;
      const code = out.output.flatMap((o) => (o.type === "chunk" ? [o.code] : [])).join("\n");
      expect(code).toContain("attachShadow");
      expect(code).toContain("https://comments.example");
    },
    INSTALL_TIMEOUT,
  );

  it(
    "`npx causette serve` from an installed @causette/server serves /embed.js, /admin/ and the thread as HTML, and its API type-checks",
    async () => {
      const site = join(work, "site");
      const server = "@causette/server";
      await npmProject(site, server, await betterSqlite3Prebuilt(site));
      await writeFile(
        join(site, "tsconfig.json"),
        JSON.stringify(
          {
            compilerOptions: {
              ...STRICT_APP,
              lib: ["ES2023"],
              types: ["node"],
              typeRoots: [join(ROOT, "node_modules/@types")],
            },
            files: ["server.ts"],
          },
          null,
          2,
        ),
      );
      await writeFile(
        join(site, "server.ts"),
        `import { createApp, loadConfig, openStore } from "@causette/server";
const store = await openStore({ dbPath: "./causette.db" });
const app = createApp({ store, config: loadConfig(process.env) });
const res: Response = await app.request("/healthz");
console.log(res.status);
await store.close();
`,
      );
      const started = Date.now();
      await npmInstall(site);
      console.log(`npm install of @causette/server: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      expect(await typecheck(site)).toBe("");

      const password = "a long admin passphrase";
      const causette = await npxServe(site, { CAUSETTE_ADMIN_PASSWORD: password });
      try {
        const embed = await fetch(`${causette.url}/embed.js`);
        expect(embed.status).toBe(200);
        expect(embed.headers.get("content-type")).toMatch(/^text\/javascript/);
        const admin = await fetch(`${causette.url}/admin/`);
        expect(admin.status).toBe(200);
        const page = await admin.text();
        // The built page, and the script it loads, come from the installed @causette/admin.
        const script = page.match(/<script[^>]+src="([^"]+)"/)?.[1];
        expect(script).toMatch(/^\/admin\/assets\//);
        expect((await fetch(`${causette.url}${script}`)).status).toBe(200);
        // The thread as HTML, drawn by the installed @causette/widget's ssr entry.
        const thread = await fetch(`${causette.url}/api/comments.html?page=/installed/`);
        expect(thread.status).toBe(200);
        expect(await thread.text()).toMatch(/^<section[^>]* data-causette-thread="oldest"/);
      } finally {
        await causette.stop();
      }
    },
    INSTALL_TIMEOUT,
  );
});

/**
 * better-sqlite3's install script looks for a prebuilt binary (prebuild-install) before it
 * compiles one, which takes minutes on two cores. The workspace compiled the same version for
 * this Node.js already: offered as a local prebuild (prebuild-install reads
 * `.prebuild-installrc` from the project), npm installs it in seconds. Without it npm compiles.
 * Returns the package.json fields that pin npm to that version and allow its install script.
 */
async function betterSqlite3Prebuilt(project: string): Promise<Record<string, unknown>> {
  const fromServer = createRequire(join(ROOT, "packages/server/package.json"));
  const pkgJson = fromServer.resolve("better-sqlite3/package.json");
  const { version } = JSON.parse(await readFile(pkgJson, "utf8")) as { version: string };
  const built = join(pkgJson, "../build/Release/better_sqlite3.node");
  const fields = { overrides: { "better-sqlite3": version }, allowScripts: { "better-sqlite3": true } };
  if (!existsSync(built)) return fields;
  const prebuilds = join(work, "prebuilds");
  await mkdir(prebuilds, { recursive: true });
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  await run("tar", [
    "-czf",
    join(prebuilds, name),
    "-C",
    join(pkgJson, ".."),
    "build/Release/better_sqlite3.node",
  ]);
  await mkdir(project, { recursive: true });
  await writeFile(join(project, ".prebuild-installrc"), `local-prebuilds=${prebuilds}\n`);
  return fields;
}

interface Serving {
  url: string;
  stop: () => Promise<void>;
}

/** `npx causette serve` in `dir`, on a free port with a SQLite file there; resolves once it answers. */
async function npxServe(dir: string, env: Record<string, string>): Promise<Serving> {
  const port = await freePort();
  // Its own process group: npx starts the CLI as a child, and stopping npx alone leaves it running.
  const child: ChildProcess = spawn("npx", ["--no", "causette", "serve"], {
    cwd: dir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: npmEnv({
      DATABASE_URL: "",
      CAUSETTE_PORT: String(port),
      CAUSETTE_HOST: "127.0.0.1",
      CAUSETTE_DB: join(dir, "causette.db"),
      ...env,
    }),
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGTERM");
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (
    !(await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`npx causette serve did not answer:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop };
}
