#!/usr/bin/env node
/**
 * @module cli
 * `causette serve | migrate | import | export` — see docs/cli.md. Each command lives in
 * its own module and is loaded only when asked for.
 */
import { type Command, describeError, UsageError } from "./cli/args.js";

/**
 * The command table. Add a command with one line here: its module exports a `Command`.
 * (`import` and `export` come from the importer's module, src/import/.)
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import("./cli/serve.js")).serve,
  migrate: async () => (await import("./cli/migrate.js")).migrate,
  import: async () => (await import("./import/command.js")).importCommand,
  export: async () => (await import("./import/command.js")).exportCommand,
};

function overview(): string {
  return `Usage: causette <command> [options]

Commands:
  serve     run the comment server
  migrate   create or upgrade the database${Object.keys(COMMANDS)
    .filter((n) => n !== "serve" && n !== "migrate")
    .map((n) => `\n  ${n}`)
    .join("")}

Run \`causette <command> --help\` for its options. Docs: docs/cli.md`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(overview());
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`causette: unknown command "${name}".\n\n${overview()}`);
    return 2;
  }
  const command = await load();
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`causette ${name}: ${err.message}\n\n${command.usage}`);
      return 2;
    }
    console.error(`causette ${name}: ${describeError(err)}`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`causette: ${describeError(err)}`);
    process.exit(1);
  },
);
