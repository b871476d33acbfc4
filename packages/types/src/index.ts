/**
 * @module @causette/types
 * The wire contract between the Causette widget, server and anyone scripting against the
 * HTTP API: objects, request and response bodies, error codes, limits, and the
 * environment variables. No runtime dependencies.
 *
 * @example
 * import { LIMITS, type Comment } from "@causette/types";
 * if (body.trim().length > LIMITS.bodyMax) throw new Error("too long");
 */

export type {
  AdminBulkRequest,
  AdminBulkResponse,
  AdminDeliveriesResponse,
  AdminDelivery,
  AdminDeliveryResponse,
  AdminPage,
  AdminPagesResponse,
  AdminReplyRequest,
  AdminSessionResponse,
  Ban,
  BanKind,
  BanRequest,
  BanResponse,
  BansResponse,
  BulkAction,
  DeliveryStatus,
  PageMove,
  PageMoveKind,
  PageMoveRequest,
  PageMoveResponse,
  PageMovesResponse,
  PageUndoRequest,
} from "./admin.js";
export { BAN_KINDS, BULK_ACTIONS, DELIVERY_STATUSES, PAGE_MOVE_KINDS } from "./admin.js";
export type { EnvName, ModerationMode } from "./env.js";
export { DEFAULTS, ENV, MODERATION_MODES } from "./env.js";
export type { ApiError, ErrorCode } from "./errors.js";
export { ERROR_CODES, ERROR_STATUS, isErrorCode } from "./errors.js";
export { codePointLength, LIMITS } from "./limits.js";
export type {
  AdminComment,
  AdminCommentStatus,
  Author,
  Comment,
  CommentStatus,
  PageInfo,
  PassageAnchor,
  ShareNetwork,
  Sort,
  VoteValue,
} from "./objects.js";
export { ADMIN_COMMENT_STATUSES, COMMENT_STATUSES, SHARE_NETWORKS, SORTS } from "./objects.js";
export { pageIdQuery } from "./page-id.js";
export type {
  AdminCommentResponse,
  AdminEditRequest,
  AdminListQuery,
  AdminListResponse,
  AdminLoginRequest,
  CommentResponse,
  CountsResponse,
  CreateCommentRequest,
  CreateCommentResponse,
  DatabaseState,
  EditCommentRequest,
  HealthResponse,
  ListCommentsQuery,
  ListCommentsResponse,
  LockPageRequest,
  NotifyChoice,
  OriginResponse,
  PageFeedQuery,
  PageResponse,
  ShareRequest,
  SharesResponse,
  SiteFeedQuery,
  VoteRequest,
  VoteResponse,
} from "./routes.js";
export { HEADERS, NOTIFY_CHOICES } from "./routes.js";
export type { FieldProblem, ReaderField } from "./rules.js";
export { EMAIL_PATTERN, FIELD_LIMITS, fieldProblem, fieldText, mailableEmail, websiteUrl } from "./rules.js";
