/**
 * The one error type routes throw; `app.onError` turns it (and everything else) into
 * `{ error: { code, message, field? } }`.
 */
import { ERROR_STATUS, type ErrorCode } from "@causette/types";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export class ApiFailure extends HTTPException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    status?: number,
    readonly headers: Record<string, string> = {},
  ) {
    super((status ?? ERROR_STATUS[code]) as ContentfulStatusCode, { message });
  }
}

/**
 * @example throw fail("invalid_field", "The name is required.", "author.name");
 */
export function fail(code: ErrorCode, message: string, field?: string): ApiFailure {
  return new ApiFailure(code, message, field);
}
