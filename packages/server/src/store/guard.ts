/**
 * @module guard
 * One place between Kysely and the driver where every query, transaction and connection
 * passes: a failure that means "the database is down" leaves as the contract's
 * `storage_unavailable` (store/unavailable.ts) with the driver's error as its cause, and a
 * full disk is remembered until a write succeeds again, for `/healthz`.
 */
import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  Kysely,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from "kysely";
import type { Database } from "./schema.js";
import { storageCondition, storageError } from "./unavailable.js";

/** Statements after whose success the database has written (a full disk has room again). */
const WRITES = new Set(["InsertQueryNode", "UpdateQueryNode", "DeleteQueryNode", "MergeQueryNode"]);

/**
 * The probe row of `recheck`: as large as the largest comment (10,000 code points of body and
 * as much HTML, four bytes each at worst) and its index entries, so that "room for the probe"
 * means room for any comment.
 */
const PROBE_KEY = "causette:disk-probe";
const PROBE_BYTES = 128 * 1024;

/**
 * @example
 * const guard = new StorageGuard();
 * const db = new Kysely<Database>({ dialect: guard.dialect(new SqliteDialect({ database })) });
 * await guard.recheck(db); // throws storage_unavailable "disk full" while writes still fail
 */
export class StorageGuard {
  #diskFull = false;

  /** Whether the last write failed for a full disk, and none has succeeded since. */
  get diskFull(): boolean {
    return this.#diskFull;
  }

  /** `inner`, with every failure of its driver going through `failed`. */
  dialect(inner: Dialect): Dialect {
    return {
      createDriver: () => new GuardedDriver(inner.createDriver(), this),
      createQueryCompiler: () => inner.createQueryCompiler(),
      createAdapter: () => inner.createAdapter(),
      createIntrospector: (db) => inner.createIntrospector(db),
    };
  }

  /** `work` (synchronous driver work that bypasses Kysely), its failures going through `failed`. */
  sync<A extends unknown[], R>(work: (...args: A) => R): (...args: A) => R {
    return (...args) => {
      try {
        return work(...args);
      } catch (err) {
        throw this.failed(err);
      }
    };
  }

  /**
   * After a write failed for a full disk, tries one (a row written and deleted in one
   * transaction) and throws `storage_unavailable` if it fails too: a read answers on a
   * full disk, so only a write tells whether space came back. Nothing to do otherwise.
   */
  async recheck(db: Kysely<Database>): Promise<void> {
    if (!this.#diskFull) return;
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("meta")
        .values({ key: PROBE_KEY, value: "x".repeat(PROBE_BYTES) })
        .execute();
      await trx.deleteFrom("meta").where("key", "=", PROBE_KEY).execute();
    });
  }

  /** A write went through: the disk has room. */
  wrote(): void {
    this.#diskFull = false;
  }

  /** `err` as the caller should see it (storage_unavailable when the database is down). */
  failed(err: unknown): unknown {
    const mapped = storageError(err);
    if (mapped !== err && storageCondition(mapped) === "disk full") this.#diskFull = true;
    return mapped;
  }
}

class GuardedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly guard: StorageGuard,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      // Awaited here: better-sqlite3's connection throws synchronously.
      const result = await this.inner.executeQuery<R>(query);
      if (this.guard.diskFull && WRITES.has(query.query.kind)) this.guard.wrote();
      return result;
    } catch (err) {
      throw this.guard.failed(err);
    }
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.inner.streamQuery<R>(query, chunkSize);
    } catch (err) {
      throw this.guard.failed(err);
    }
  }
}

class GuardedDriver implements Driver {
  /** One wrapper per connection of the inner driver, so Kysely sees stable connections. */
  readonly #connections = new WeakMap<DatabaseConnection, GuardedConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly guard: StorageGuard,
  ) {}

  async #run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw this.guard.failed(err);
    }
  }

  #inner(connection: DatabaseConnection): DatabaseConnection {
    return connection instanceof GuardedConnection ? connection.inner : connection;
  }

  init(): Promise<void> {
    return this.#run(() => this.inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await this.#run(() => this.inner.acquireConnection());
    let guarded = this.#connections.get(inner);
    if (!guarded) {
      guarded = new GuardedConnection(inner, this.guard);
      this.#connections.set(inner, guarded);
    }
    return guarded;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#run(() => this.inner.beginTransaction(this.#inner(connection), settings));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#run(() => this.inner.commitTransaction(this.#inner(connection)));
    if (this.guard.diskFull) this.guard.wrote();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.rollbackTransaction(this.#inner(connection));
    } catch {
      // Kysely would throw this error in place of the one that made it roll back, which is
      // the one that matters. It fails when there is nothing left to roll back: SQLite has
      // already rolled back after SQLITE_FULL ("no transaction is active"), and a lost
      // PostgreSQL session is rolled back by the server as it ends.
    }
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]) {
    return this.#run(async () => this.inner.savepoint?.(this.#inner(connection), name, compile));
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]) {
    return this.#run(async () => this.inner.rollbackToSavepoint?.(this.#inner(connection), name, compile));
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]) {
    return this.#run(async () => this.inner.releaseSavepoint?.(this.#inner(connection), name, compile));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(this.#inner(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
