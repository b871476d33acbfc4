/**
 * @module postgres-pool
 * The pool of PostgreSQL connections, built to outlive its database: bounded waits (connect,
 * statements, reads), TCP keep-alive, no process crash when the server drops a connection,
 * and no connection kept that may still owe an answer.
 */
import { DEFAULTS } from "@causette/types";
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from "kysely";
import pg from "pg";

/** Bounds on waiting for PostgreSQL, in milliseconds; 0 = no bound. */
export interface DatabaseTimeouts {
  /** Opening a connection (TCP, TLS, authentication), or waiting for a free one in the pool. */
  connect: number;
  /** One statement: the server cancels it past this (statement_timeout). */
  query: number;
}

export const DATABASE_TIMEOUTS: Readonly<DatabaseTimeouts> = {
  connect: DEFAULTS.dbConnectTimeout * 1000,
  query: DEFAULTS.dbQueryTimeout * 1000,
};

/**
 * How much longer than `query` the client waits for an answer before it gives up on the
 * connection: enough for the server's own cancellation to arrive first when it is alive.
 */
const READ_MARGIN = 1_000;
/** Idle connections closed after this; the pool opens new ones on demand. */
const IDLE_TIMEOUT = 10_000;
/** First keep-alive probe on a silent connection, so a dead peer is noticed even when idle. */
const KEEP_ALIVE_DELAY = 10_000;

export interface PoolOptions {
  /** Connections at most. */
  size: number;
  timeouts: DatabaseTimeouts;
  /** Where a dropped idle connection is reported. */
  warn?: (line: string) => void;
}

/**
 * @example
 * const pool = postgresPool(process.env.DATABASE_URL, { size: 10, timeouts: DATABASE_TIMEOUTS });
 * const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
 */
export function postgresPool(url: string, options: PoolOptions): PostgresPool {
  const { connect, query } = options.timeouts;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.size,
    // Names the server's sessions in pg_stat_activity; the URL's application_name wins.
    application_name: "causette",
    connectionTimeoutMillis: connect,
    ...(query ? { statement_timeout: query, query_timeout: query + READ_MARGIN } : {}),
    idleTimeoutMillis: IDLE_TIMEOUT,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEP_ALIVE_DELAY,
  });
  const warn = options.warn ?? ((line) => console.error(line));
  // An idle connection lost (a restart, a failover, pg_terminate_backend): the pool has
  // already dropped it and opens another when needed.
  pool.on("error", (err) => {
    warn(JSON.stringify({ level: "warn", msg: "database connection lost", error: err.message }));
  });
  // A connection in use has no listener of the pool's: without this one, losing it between
  // two queries is an unhandled 'error' event, which ends the process. The query in
  // flight, if any, fails with the error, and the pool drops the connection on release.
  pool.on("connect", (client) => {
    client.on("error", () => {});
  });

  const guarded = new WeakMap<pg.PoolClient, GuardedClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = guarded.get(client);
      if (!wrapper) {
        wrapper = new GuardedClient(client);
        guarded.set(client, wrapper);
      }
      wrapper.broken = undefined;
      return wrapper;
    },
    end: () => pool.end(),
  };
}

/**
 * A pooled client that is given back for closing, not reuse, once a query failed on the
 * client's side (a read timeout, a lost socket): such a connection may still owe the answer
 * to a query nobody waits for, and every query after it would queue behind that answer.
 */
class GuardedClient implements PostgresPoolClient {
  broken: Error | undefined;

  constructor(private readonly client: pg.PoolClient) {}

  query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sql: string | PostgresCursor<R>,
    parameters: readonly unknown[] = [],
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    // Kysely streams through a cursor only when the dialect is given one; this server never is.
    if (typeof sql !== "string") throw new Error("This pool does not stream through cursors.");
    return this.#query<R>(sql, parameters);
  }

  async #query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
    try {
      // pg's result is what Kysely's PostgresQueryResult describes, with looser types.
      return (await this.client.query(sql, parameters as unknown[])) as unknown as PostgresQueryResult<R>;
    } catch (err) {
      // The server's own errors (a constraint, statement_timeout) leave the connection usable.
      if (!(err instanceof pg.DatabaseError))
        this.broken = err instanceof Error ? err : new Error(String(err));
      throw err;
    }
  }

  release(destroy?: boolean): void {
    this.client.release(this.broken ?? destroy);
  }
}
