#!/usr/bin/env node
import { DEFAULTS, ENV } from "@causette/types";
/**
 * @module cli
 * `causette serve | migrate | import | export` — see docs/cli.md.
 */
import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { loadAssets, widgetAssetsDir } from "./static.js";

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command === "serve") {
    const port = Number(process.env[ENV.port] ?? DEFAULTS.port);
    const host = process.env[ENV.host] ?? DEFAULTS.host;
    const app = createApp({ assets: await loadAssets(widgetAssetsDir()) });
    serve({ fetch: app.fetch, port, hostname: host }, (info) => {
      console.log(JSON.stringify({ msg: "listening", url: `http://${host}:${info.port}` }));
    });
    return new Promise(() => {});
  }
  console.error("usage: causette serve");
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
