/**
 * @module http-errors
 * The HTTP side of errors, in one place: a `CausetteError`'s code becomes the status of the
 * contract's table (`ERROR_STATUS`) and the body `{ error: { code, message, field? } }`;
 * anything unexpected is logged with its cause and answered 500. Which driver failures mean
 * "the database is down" is the store's knowledge (store/unavailable.ts), not this file's.
 */
import { ERROR_STATUS, type ErrorCode } from "@causette/types";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { CausetteError } from "./errors.js";

export function errorBody(c: Context, code: ErrorCode, message: string, status: number, field?: string) {
  return c.json({ error: { code, message, ...(field ? { field } : {}) } }, status as ContentfulStatusCode);
}

/**
 * The `onError` of every Hono app of the server (the whole app, and route groups mounted
 * alone in tests).
 *
 * @example app.onError(errorResponse);
 */
export function errorResponse(err: Error, c: Context): Response {
  if (err instanceof CausetteError) {
    const status = err.status ?? ERROR_STATUS[err.code];
    // The server's own condition (the database down, its disk full): worth a line for the
    // operator, with what the driver said.
    if (status >= 500)
      console.error(
        JSON.stringify({
          level: "error",
          msg: err.message,
          code: err.code,
          cause: describeCause(err.cause),
          path: c.req.path,
        }),
      );
    if (err.retryAfter !== undefined) c.header("Retry-After", String(Math.max(1, Math.ceil(err.retryAfter))));
    return errorBody(c, err.code, err.message, status, err.field);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code: ErrorCode =
      err.status === 413 ? "too_large" : err.status === 404 ? "not_found" : "invalid_field";
    return errorBody(c, code, err.message || "Bad request.", err.status);
  }
  console.error(
    JSON.stringify({
      level: "error",
      msg: "unexpected error",
      path: c.req.path,
      error: String(err?.stack ?? err),
    }),
  );
  return errorBody(c, "internal_error", "Something went wrong on the server.", 500);
}

/** A driver's error in one line: its code, if any, and its message. */
function describeCause(cause: unknown): string | undefined {
  if (!(cause instanceof Error)) return cause === undefined ? undefined : String(cause);
  const code = (cause as { code?: unknown }).code;
  return typeof code === "string" ? `${code}: ${cause.message}` : cause.message;
}
