/**
 * @module unavailable
 * Which driver failures mean "the database is down" and how each becomes the contract's
 * `storage_unavailable` error. The store raises it (store/guard.ts), so the HTTP layer
 * only maps codes and never learns a driver's vocabulary.
 */
import type { DatabaseState } from "@causette/types";
import { CausetteError, isCausetteError } from "../errors.js";

/** How the database is failing: the `database` field of `/healthz`, minus `"ok"`. */
export type StorageCondition = Exclude<DatabaseState, "ok">;

/**
 * PostgreSQL SQLSTATEs (appendix A of its manual) and SQLite result codes that are the
 * database's condition, not the request's fault: answered 503, worth retrying.
 */
const CONDITION_BY_CODE = new Map<string, StorageCondition>(
  Object.entries({
    // Connection exceptions (class 08), the server shutting down or refusing (57P0x),
    // too many connections.
    "08000": "unavailable",
    "08001": "unavailable",
    "08003": "unavailable",
    "08004": "unavailable",
    "08006": "unavailable",
    "57P01": "unavailable",
    "57P02": "unavailable",
    "57P03": "unavailable",
    "53300": "unavailable",
    // statement_timeout ran out (the server cancelled the query).
    "57014": "timeout",
    "53100": "disk full",
    // The network, from Node.
    ECONNREFUSED: "unavailable",
    ECONNRESET: "unavailable",
    EPIPE: "unavailable",
    ETIMEDOUT: "timeout",
    ENOTFOUND: "unavailable",
    EAI_AGAIN: "unavailable",
    EHOSTUNREACH: "unavailable",
    ENETUNREACH: "unavailable",
    // SQLite: another process held the lock past busy_timeout; the file went away or the
    // disk failed; the disk (or max_page_count) is full.
    SQLITE_BUSY: "timeout",
    SQLITE_CANTOPEN: "unavailable",
    SQLITE_IOERR: "unavailable",
    SQLITE_FULL: "disk full",
  } satisfies Record<string, StorageCondition>),
);

/**
 * pg reports its own failures (the connection dropping, its timeouts) as plain errors
 * without a code; their messages are all there is to go on (pg 8, pg-pool 3).
 */
const CONDITION_BY_MESSAGE: readonly [RegExp, StorageCondition][] = [
  [/^Query read timeout$/, "timeout"],
  [/^timeout exceeded when trying to connect$/, "timeout"],
  [/^Connection terminated due to connection timeout$/, "timeout"],
  [/^Connection terminated/, "unavailable"],
  [/^Client has encountered a connection error and is not queryable$/, "unavailable"],
  [/^Client was closed and is not queryable$/, "unavailable"],
];

const MESSAGES: Readonly<Record<StorageCondition, string>> = {
  unavailable: "The database is not answering; try again shortly.",
  timeout: "The database did not answer in time; try again shortly.",
  "disk full": "The database cannot write: disk full. Try again later.",
};

/** Seconds a client should wait before trying again (`Retry-After`). */
const RETRY_AFTER: Readonly<Record<StorageCondition, number>> = {
  unavailable: 5,
  timeout: 5,
  // Space comes back when someone frees it, not in seconds.
  "disk full": 60,
};

/**
 * The database condition behind `err` (a driver error, or a `storage_unavailable` error
 * that carries one as its cause), or `null` when `err` is something else.
 *
 * @example storageCondition(sqliteError) // "disk full" for SQLITE_FULL
 */
export function storageCondition(err: unknown): StorageCondition | null {
  if (isCausetteError(err)) return err.code === "storage_unavailable" ? storageCondition(err.cause) : null;
  if (!(err instanceof Error)) return null;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string") {
    // SQLite's extended codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT…) share their base's meaning.
    const base = code.startsWith("SQLITE_") ? code.replace(/^(SQLITE_[A-Z]+)_.*$/, "$1") : code;
    const condition = CONDITION_BY_CODE.get(base);
    if (condition) return condition;
  }
  for (const [pattern, condition] of CONDITION_BY_MESSAGE) if (pattern.test(err.message)) return condition;
  // Node reports a failed connection to a name with several addresses as an AggregateError.
  if (err instanceof AggregateError)
    for (const inner of err.errors) {
      const condition = storageCondition(inner);
      if (condition) return condition;
    }
  return err.cause === undefined ? null : storageCondition(err.cause);
}

/**
 * `err` as the contract's `storage_unavailable` error, the driver's error kept as its
 * cause, when it means the database is down; `err` itself otherwise.
 *
 * @example throw storageError(err);
 */
export function storageError(err: unknown): unknown {
  if (isCausetteError(err)) return err;
  const condition = storageCondition(err);
  if (!condition) return err;
  return new CausetteError("storage_unavailable", MESSAGES[condition], {
    cause: err,
    retryAfter: RETRY_AFTER[condition],
  });
}
