/** `causette serve`: the HTTP API, the widget files and optionally a static site. */
import { existsSync } from "node:fs";
import { createServer, type ServerOptions } from "node:http";
import { fileURLToPath } from "node:url";
import { DEFAULTS, ENV } from "@causette/types";
import { ConfigError, eventsRetentionDays, loadConfig } from "../config.js";
import type { NodeListener } from "../fast-read.js";
import { type Command, DB_OPTIONS, DB_USAGE, parse, storeOptions, UsageError } from "./args.js";

/** The example blog, from the repository (packages/server/dist → ../../../examples/blog). */
export const EXAMPLES_DIR = fileURLToPath(new URL("../../../../examples/blog/", import.meta.url));

const OPTIONS = {
  ...DB_OPTIONS,
  port: { type: "string", short: "p" },
  host: { type: "string" },
  origins: { type: "string" },
  moderation: { type: "string" },
  "rate-limit": { type: "string" },
  "edit-window": { type: "string" },
  examples: { type: "boolean" },
  static: { type: "string", multiple: true },
  "trust-proxy": { type: "boolean" },
  quiet: { type: "boolean" },
} as const;

export const serve: Command = {
  summary: "run the comment server",
  usage: `Usage: causette serve [options]

Serves the API, the widget's files (/embed.js) and, with --examples, the example blog.
Every option also reads from the environment variable named after it.

  -p, --port N          port to listen on (env ${ENV.port}, default ${DEFAULTS.port}; 0 = any free port)
  --host HOST           address to listen on (env ${ENV.host}, default ${DEFAULTS.host})
${DB_USAGE}
  --origins LIST        origins allowed to write from a browser, comma-separated (env ${ENV.origins})
  --moderation MODE     none | first | all (env ${ENV.moderation})
  --rate-limit N        public writes per minute per client, 0 = off (env ${ENV.rateLimit}, default 10)
  --edit-window SECS    how long authors may edit or delete (env ${ENV.editWindow}, default 900)
  --trust-proxy         trust X-Forwarded-* from loopback and private addresses (= env
                        CAUSETTE_TRUST_PROXY=1; the env variable also takes a list of addresses)
  --examples            also serve the example blog at /
  --static DIR          also serve DIR at / (repeatable)
  --quiet               no request log lines (env CAUSETTE_LOG=off)
  -h, --help            this help`,
  async run(argv) {
    const { values } = parse(argv, OPTIONS);
    if (values.help) {
      console.log(this.usage);
      return 0;
    }
    const env: Record<string, string | undefined> = { ...process.env };
    const flagToEnv: [keyof typeof values, string][] = [
      ["origins", ENV.origins],
      ["moderation", ENV.moderation],
      ["rate-limit", ENV.rateLimit],
      ["edit-window", ENV.editWindow],
    ];
    for (const [flag, name] of flagToEnv)
      if (typeof values[flag] === "string") env[name] = values[flag] as string;
    if (values["trust-proxy"]) env.CAUSETTE_TRUST_PROXY = "1";
    if (values.quiet) env.CAUSETTE_LOG = "off";

    const portText = values.port ?? env[ENV.port] ?? String(DEFAULTS.port);
    if (!/^\d+$/.test(portText) || Number(portText) > 65535)
      throw new UsageError(`--port must be a number from 0 to 65535, not "${portText}".`);
    const port = Number(portText);
    const host = values.host ?? (env[ENV.host] || DEFAULTS.host);
    let config: ReturnType<typeof loadConfig>;
    try {
      config = loadConfig(env);
    } catch (err) {
      if (err instanceof ConfigError) throw new UsageError(err.message);
      throw err;
    }
    const staticDirs = [...(values.static ?? [])];
    if (values.examples) staticDirs.push(EXAMPLES_DIR);
    for (const dir of staticDirs) if (!existsSync(dir)) throw new UsageError(`no such folder: ${dir}`);

    // Loaded only now, so `--help` and usage errors answer at once.
    let retentionDays: number;
    try {
      retentionDays = eventsRetentionDays(env);
    } catch (err) {
      if (err instanceof ConfigError) throw new UsageError(err.message);
      throw err;
    }
    const [
      { serve: listen },
      { createNodeApp },
      { loadAssets, widgetAssetsDir },
      { openStore },
      { Outbox, outboxOptionsFromEnv },
      { EventBus },
      { LiveHub },
      { startMaintenance },
    ] = await Promise.all([
      import("@hono/node-server"),
      import("../app.js"),
      import("../static.js"),
      import("../store/open.js"),
      import("../outbox/outbox.js"),
      import("../comments/events.js"),
      import("../live/hub.js"),
      import("../live/maintenance.js"),
    ]);
    let outboxOptions: ReturnType<typeof outboxOptionsFromEnv>;
    try {
      outboxOptions = outboxOptionsFromEnv(env);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const store = await openStore(storeOptions(values, env));
    if (values.examples) {
      // A fresh database gets the example blog's discussions; pages with comments are left alone.
      const { seedDemo } = await import("../demo/seed.js");
      const { seeded } = await seedDemo(store);
      if (seeded.length) console.log(JSON.stringify({ msg: "demo comments written", pages: seeded }));
    }
    const bus = new EventBus();
    // E-mails and webhooks: the outbox's loops run in every server (outbox/outbox.ts).
    const outbox = new Outbox(store, outboxOptions);
    const live = new LiveHub(store, bus);
    const { app, withFastReads } = createNodeApp({
      store,
      config,
      bus,
      outbox,
      live,
      assets: await loadAssets(widgetAssetsDir()),
      staticDirs,
      log: (line) => process.stdout.write(line),
    });
    const server = listen({
      fetch: app.fetch,
      port,
      hostname: host,
      // The cached thread reads before Hono (fast-read.ts): 2.7× less CPU than through it.
      createServer: ((options: ServerOptions, listener: NodeListener) =>
        createServer(options, withFastReads(listener))) as typeof createServer,
    });
    await new Promise<void>((resolve, reject) => {
      server.once("listening", resolve);
      server.once("error", reject);
    }).catch(async (err: NodeJS.ErrnoException) => {
      await store.close();
      if (err.code === "EADDRINUSE")
        throw new Error(`port ${port} on ${host} is already in use (try --port).`);
      throw err;
    });
    outbox.start(bus);
    // Old events and ended rate-limit windows, now and every hour.
    const maintenance = startMaintenance(store, { retentionDays });
    const address = server.address();
    const actualPort = typeof address === "object" && address ? address.port : port;
    console.log(
      JSON.stringify({
        msg: "listening",
        url: `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`,
        database: store.dialect,
        moderation: config.moderation,
      }),
    );

    return new Promise<number>((resolve) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(JSON.stringify({ msg: "shutting down", signal }));
        // Finish in-flight requests, refuse new ones, then close the database.
        const force = setTimeout(() => {
          if ("closeAllConnections" in server) server.closeAllConnections();
        }, 10_000);
        force.unref();
        // Live streams never end by themselves: end them, so that closing does not wait.
        live.close();
        maintenance.stop();
        server.close(async () => {
          clearTimeout(force);
          await outbox.stop().catch(() => {});
          await store.close().catch(() => {});
          console.log(JSON.stringify({ msg: "stopped" }));
          resolve(0);
        });
        if ("closeIdleConnections" in server) server.closeIdleConnections();
      };
      process.once("SIGTERM", () => stop("SIGTERM"));
      process.once("SIGINT", () => stop("SIGINT"));
    });
  },
};
