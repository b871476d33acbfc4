import type { ErrorCode } from "@causette/types";

/** A refusal decided inside a transaction (the row changed under us); routes answer its code. */
export class StoreError extends Error {
  constructor(
    readonly code: Extract<
      ErrorCode,
      "comment_not_found" | "comment_deleted" | "parent_not_found" | "parent_not_on_page" | "page_locked"
    >,
    message: string,
  ) {
    super(message);
    this.name = "StoreError";
  }
}
