/** Flag parsing shared by every command: `--help`, readable errors, exit code 2 on bad usage. */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { DEFAULTS, ENV } from "@causette/types";
import { ConfigError, databasePoolSize, databaseTimeouts } from "../config.js";
import { isCausetteError } from "../errors.js";
import type { StoreOptions } from "../store/open.js";

/** Bad usage: the CLI prints the message and the command's usage, and exits with code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export interface Command {
  summary: string;
  /** Printed by `--help` and after a usage error. */
  usage: string;
  run(argv: string[]): Promise<number>;
}

export type Options = NonNullable<ParseArgsConfig["options"]>;

/** `--db` and `--database-url`, shared by every command that opens the database. */
export const DB_OPTIONS = {
  db: { type: "string" },
  "database-url": { type: "string" },
} as const satisfies Options;

export const DB_USAGE = `  --db FILE            the SQLite file (env ${ENV.db}, default ${DEFAULTS.db})
  --database-url URL   PostgreSQL instead of SQLite (env ${ENV.databaseUrl})`;

/** The parsed values of a set of options: strings, booleans, or string lists for `multiple`. */
export type Values<O extends Options> = {
  [K in keyof O]?: O[K] extends { multiple: true }
    ? string[]
    : O[K] extends { type: "boolean" }
      ? boolean
      : string;
} & { help?: boolean };

export function parse<O extends Options>(
  argv: string[],
  options: O,
  positionals = false,
): { values: Values<O>; positionals: string[] } {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: positionals,
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.replace(/\. To specify.*$/s, ".") : String(err));
  }
}

/** Where the database is: flags first, then the environment, then the default file. */
export function storeOptions(
  values: { db?: unknown; "database-url"?: unknown },
  env = process.env,
): StoreOptions {
  const url = typeof values["database-url"] === "string" ? values["database-url"] : env[ENV.databaseUrl];
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new UsageError(`--database-url must be a postgres:// URL, not "${url.slice(0, 40)}".`);
    try {
      return { databaseUrl: url, timeouts: databaseTimeouts(env), poolSize: databasePoolSize(env) };
    } catch (err) {
      throw err instanceof ConfigError ? new UsageError(err.message) : err;
    }
  }
  const db = typeof values.db === "string" ? values.db : env[ENV.db] || DEFAULTS.db;
  if (!db.trim()) throw new UsageError("--db needs a file path.");
  return { dbPath: db };
}

/** A readable line for errors that reach the top (database unreachable, file not writable…). */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // The store reports a database that is down as storage_unavailable, the driver's error as its cause.
  const driverError =
    isCausetteError(err, "storage_unavailable") && err.cause instanceof Error ? err.cause : err;
  const code = (driverError as { code?: unknown }).code;
  if (code === "ECONNREFUSED")
    return `cannot reach PostgreSQL (${driverError.message}). Is it running, and is DATABASE_URL right?`;
  if (code === "3D000") return `${err.message}. Create it first, e.g. createdb <name>.`;
  if (code === "SQLITE_CANTOPEN")
    return `cannot open the SQLite file: ${driverError.message}. Check --db and the folder's permissions.`;
  return driverError === err ? err.message : `${err.message} (${driverError.message})`;
}
