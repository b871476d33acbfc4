/**
 * @module http-errors
 * The HTTP side of errors, in one place: a `CausetteError`'s code becomes the status of the
 * contract's table (`ERROR_STATUS`) and the body `{ error: { code, message, field? } }`;
 * anything unexpected is logged with its cause and answered 500.
 */
import { ERROR_STATUS, type ErrorCode } from "@causette/types";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { CausetteError } from "./errors.js";

export function errorBody(c: Context, code: ErrorCode, message: string, status: number, field?: string) {
  return c.json({ error: { code, message, ...(field ? { field } : {}) } }, status as ContentfulStatusCode);
}

/** Database failures that mean "storage is down", answered 503 rather than 500. */
const STORAGE_DOWN = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "08000",
  "08001",
  "08003",
  "08006",
  "SQLITE_BUSY",
  "SQLITE_CANTOPEN",
  "SQLITE_IOERR",
  "SQLITE_FULL",
]);

/**
 * The `onError` of every Hono app of the server (the whole app, and route groups mounted
 * alone in tests).
 *
 * @example app.onError(errorResponse);
 */
export function errorResponse(err: Error, c: Context): Response {
  if (err instanceof CausetteError) {
    if (err.retryAfter !== undefined) c.header("Retry-After", String(Math.max(1, Math.ceil(err.retryAfter))));
    return errorBody(c, err.code, err.message, err.status ?? ERROR_STATUS[err.code], err.field);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code: ErrorCode =
      err.status === 413 ? "too_large" : err.status === 404 ? "not_found" : "invalid_field";
    return errorBody(c, code, err.message || "Bad request.", err.status);
  }
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && STORAGE_DOWN.has(code)) {
    console.error(JSON.stringify({ level: "error", msg: "storage unavailable", code, path: c.req.path }));
    return errorBody(c, "storage_unavailable", "The database is not answering; try again shortly.", 503);
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
