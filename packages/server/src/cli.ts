#!/usr/bin/env node
/**
 * @module cli
 * `causette serve | migrate | import | export | pages | mail` — see docs/cli.md. Each command lives in
 * its own module and is loaded only when asked for.
 */
import { type Command, describeError, UsageError } from "./cli/args.js";
import { IMPORT_V8_FLAGS, rerunWith, semiSpaceSet } from "./cli/tuned.js";

/**
 * The command table. Add a command with one entry here: its module exports a `Command`,
 * loaded only when that command runs.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: { summary: "run the comment server", load: async () => (await import("./cli/serve.js")).serve },
  migrate: {
    summary: "create or upgrade the database",
    load: async () => (await import("./cli/migrate.js")).migrate,
  },
  import: {
    summary: "import comments: wordpress|disqus|json FILE",
    load: async () => (await import("./import/command.js")).importCommand,
  },
  export: {
    summary: "write everything as JSON to stdout",
    load: async () => (await import("./import/command.js")).exportCommand,
  },
  pages: {
    summary: "move, alias or merge a page's thread: move|alias|merge|undo|history",
    load: async () => (await import("./cli/pages.js")).pages,
  },
  webhooks: {
    summary: "print the webhook signing secret: secret [--new]",
    load: async () => (await import("./cli/webhooks.js")).webhooks,
  },
  mail: {
    summary: "e-mail: test ADDRESS sends a test e-mail through CAUSETTE_SMTP_URL",
    load: async () => (await import("./cli/mail.js")).mail,
  },
};

function overview(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`);
  return `Usage: causette <command> [options]

Commands:
${rows.join("\n")}

Run \`causette <command> --help\` for its options. Docs: docs/cli.md`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(overview());
    return name ? 0 : 2;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    console.error(`causette: unknown command "${name}".\n\n${overview()}`);
    return 2;
  }
  // An import runs in a process with its own V8 flags (cli/tuned.ts): started from here,
  // before the importer is loaded, unless this process has them already.
  if (name === "import" && !semiSpaceSet()) return rerunWith(IMPORT_V8_FLAGS);
  const command = await entry.load();
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
