/**
 * @module errors
 * The one error the server throws on purpose. It carries a stable code from the contract
 * (`@causette/types`) and knows nothing of HTTP: the comments domain, moderation, the store
 * and the routes all throw it, and `app.onError` alone maps its code to a status from the
 * contract's table and answers `{ error: { code, message, field? } }`.
 */
import type { ErrorCode } from "@causette/types";

export interface CausetteErrorOptions {
  /** The request field at fault, e.g. `"author.email"`. */
  field?: string;
  /** Seconds after which trying again makes sense (answered as `Retry-After`). */
  retryAfter?: number;
  /**
   * A status other than the contract's default for the code; only the HTTP layer sets it
   * (a missing `Authorization` header is 401 `bad_token`, a wrong token 403).
   */
  status?: number;
  cause?: unknown;
}

/**
 * @example
 * throw new CausetteError("page_locked", "This page is closed to new comments.");
 * if (isCausetteError(err, "storage_unavailable")) retryLater();
 */
export class CausetteError extends Error {
  readonly field?: string;
  readonly retryAfter?: number;
  readonly status?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: CausetteErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CausetteError";
    if (options.field !== undefined) this.field = options.field;
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
    if (options.status !== undefined) this.status = options.status;
  }
}

/** Whether `value` is a CausetteError (with `code`, when given). */
export function isCausetteError(value: unknown, code?: ErrorCode): value is CausetteError {
  return value instanceof CausetteError && (code === undefined || value.code === code);
}

/**
 * @example throw fail("invalid_field", "The name is required.", "author.name");
 */
export function fail(code: ErrorCode, message: string, field?: string): CausetteError {
  return new CausetteError(code, message, field === undefined ? {} : { field });
}
