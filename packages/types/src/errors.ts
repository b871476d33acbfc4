/** Every error code the API answers with, in `{ error: { code } }`. */
export const ERROR_CODES = [
  "invalid_json",
  "invalid_field",
  "unsupported_media_type",
  "too_large",
  "not_found",
  "parent_not_found",
  "parent_not_on_page",
  "comment_not_found",
  "comment_deleted",
  "page_locked",
  "origin_not_allowed",
  "rate_limited",
  "bad_token",
  "edit_window_closed",
  "duplicate_comment",
  "unauthorized",
  "bad_credentials",
  "admin_disabled",
  "page_not_found",
  "page_has_comments",
  "page_is_alias",
  "alias_cycle",
  "move_not_found",
  "undo_blocked",
  "delivery_not_found",
  "delivery_not_retryable",
  "storage_unavailable",
  "internal_error",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The HTTP status each code is answered with. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  invalid_json: 400,
  invalid_field: 400,
  unsupported_media_type: 415,
  too_large: 413,
  not_found: 404,
  parent_not_found: 404,
  parent_not_on_page: 400,
  comment_not_found: 404,
  comment_deleted: 409,
  page_locked: 403,
  origin_not_allowed: 403,
  rate_limited: 429,
  bad_token: 403,
  edit_window_closed: 403,
  duplicate_comment: 409,
  unauthorized: 401,
  bad_credentials: 401,
  admin_disabled: 404,
  page_not_found: 404,
  page_has_comments: 409,
  page_is_alias: 409,
  alias_cycle: 409,
  move_not_found: 404,
  undo_blocked: 409,
  delivery_not_found: 404,
  delivery_not_retryable: 409,
  storage_unavailable: 503,
  internal_error: 500,
};

/** The body of every error response. */
export interface ApiError {
  error: { code: ErrorCode; message: string; field?: string };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}
