import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type ApiError,
  type Comment,
  type CreateCommentRequest,
  codePointLength,
  ERROR_CODES,
  ERROR_STATUS,
  type ErrorCode,
  isErrorCode,
  LIMITS,
  type ListCommentsResponse,
  SHARE_NETWORKS,
  type ShareNetwork,
  type VoteValue,
} from "./index.js";

describe("error codes", () => {
  it("gives every code a 4xx or 5xx status", () => {
    for (const code of ERROR_CODES) {
      expect(ERROR_STATUS[code], code).toBeGreaterThanOrEqual(400);
      expect(ERROR_STATUS[code], code).toBeLessThan(600);
    }
  });
  it("answers the statuses API.md names", () => {
    expect(ERROR_STATUS.too_large).toBe(413);
    expect(ERROR_STATUS.unsupported_media_type).toBe(415);
    expect(ERROR_STATUS.rate_limited).toBe(429);
    expect(ERROR_STATUS.page_locked).toBe(403);
    expect(ERROR_STATUS.comment_deleted).toBe(409);
    expect(ERROR_STATUS.parent_not_found).toBe(404);
    expect(ERROR_STATUS.parent_not_on_page).toBe(400);
  });
  it("recognises its own codes only", () => {
    expect(isErrorCode("page_locked")).toBe(true);
    expect(isErrorCode("nope")).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });
});

describe("limits", () => {
  it("match API.md", () => {
    expect(LIMITS.bodyMax).toBe(10_000);
    expect(LIMITS.nameMax).toBe(100);
    expect(LIMITS.websiteMax).toBe(500);
    expect(LIMITS.pageIdMax).toBe(500);
    expect(LIMITS.requestBytesMax).toBe(65_536);
    expect(LIMITS.pageSizeDefault).toBe(50);
    expect(LIMITS.pageSizeMax).toBe(200);
    expect(LIMITS.displayDepthDefault).toBe(3);
  });
  it("counts code points, not UTF-16 units", () => {
    expect(codePointLength("abc")).toBe(3);
    expect(codePointLength("😀")).toBe(1);
    expect("😀".length).toBe(2);
    expect(codePointLength("e\u0301")).toBe(2);
  });
});

describe("public types", () => {
  it("keep the wire shapes of API.md", () => {
    expectTypeOf<Comment["status"]>().toEqualTypeOf<"approved" | "pending" | "deleted">();
    expectTypeOf<Comment["parentId"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Comment["author"]>().toHaveProperty("isModerator").toEqualTypeOf<boolean>();
    expectTypeOf<ListCommentsResponse["nextCursor"]>().toEqualTypeOf<string | null>();
    expectTypeOf<VoteValue>().toEqualTypeOf<1 | 0 | -1>();
    expectTypeOf<ApiError["error"]["code"]>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<CreateCommentRequest["author"]["name"]>().toBeString();
    expectTypeOf<ShareNetwork>().toEqualTypeOf<(typeof SHARE_NETWORKS)[number]>();
    // A Comment never carries an e-mail address.
    expectTypeOf<Comment>().not.toHaveProperty("email");
    expect(SHARE_NETWORKS).toContain("x");
  });
});
