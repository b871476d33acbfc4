/**
 * One typed function per admin route. The page is served by the server it talks to, so
 * every call is same-origin: the session cookie goes along by itself and the server's
 * Origin check sees its own origin.
 */
import type {
  AdminBulkResponse,
  AdminComment,
  AdminCommentResponse,
  AdminCommentStatus,
  AdminDeliveriesResponse,
  AdminDeliveryResponse,
  AdminListResponse,
  AdminPagesResponse,
  AdminSessionResponse,
  ApiError,
  BanKind,
  BanResponse,
  BansResponse,
  BulkAction,
  PageMoveKind,
  PageMoveResponse,
  PageMovesResponse,
  PageResponse,
} from "@causette/types";

/** An error answer of the API, with its stable code. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Sends one request to `/api/admin…` and reads its JSON; an error answer becomes an ApiFailure. */
async function send<T>(path: string, init: RequestInit, unreachable: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/admin${path}`, { credentials: "same-origin", ...init });
  } catch {
    throw new ApiFailure(0, "network", unreachable);
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as T | ApiError | null;
  if (!res.ok) {
    const err = (data as ApiError | null)?.error;
    throw new ApiFailure(res.status, err?.code ?? "http_error", err?.message ?? `HTTP ${res.status}`);
  }
  return data as T;
}

function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  return send<T>(
    path,
    {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? null : JSON.stringify(body),
    },
    "The server cannot be reached. Check your connection and try again.",
  );
}

export interface ListFilter {
  site?: string;
  status?: AdminCommentStatus | "";
  page?: string;
  q?: string;
  cursor?: string;
}

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** What `POST /api/admin/import` answers: the report `causette import --json` prints. */
export interface ImportResult {
  format: string;
  /** Whether the server read the format from the file (format "auto"). */
  detected?: boolean;
  bytes: number;
  report: {
    pages: { imported: number; existing: number };
    comments: { imported: number };
    votes: { imported: number };
    shares: { imported: number };
    skipped: Record<string, number>;
    /** Comments imported but held for moderation, by why. */
    held?: Record<string, number>;
    warnings: { line: number | null; message: string }[];
    warningCount: number;
  };
}

/** Uploads an export file as the raw request body (not JSON, so no 64 KiB limit). */
function upload(format: string, site: string, file: Blob): Promise<ImportResult> {
  return send<ImportResult>(
    `/import${query({ format, site })}`,
    { method: "POST", headers: { "Content-Type": file.type || "application/octet-stream" }, body: file },
    "The upload failed: the server cannot be reached, or it closed the connection.",
  );
}

export const api = {
  importFile: upload,
  login: (password: string) => call<void>("POST", "/login", { password }),
  logout: () => call<void>("POST", "/logout"),
  /** Ends every admin session, on every device, this one included. */
  logoutEverywhere: () => call<void>("POST", "/logout-everywhere"),
  session: () => call<AdminSessionResponse>("GET", "/session"),
  list: (f: ListFilter) =>
    call<AdminListResponse>(
      "GET",
      `/comments${query({ site: f.site, status: f.status || undefined, page: f.page, q: f.q, cursor: f.cursor })}`,
    ),
  act: (id: string, action: BulkAction) =>
    call<AdminCommentResponse>("POST", `/comments/${encodeURIComponent(id)}/${action}`),
  bulk: (ids: string[], action: BulkAction) =>
    call<AdminBulkResponse>("POST", "/comments/bulk", { ids, action }),
  edit: (id: string, body: string) =>
    call<AdminCommentResponse>("PATCH", `/comments/${encodeURIComponent(id)}`, { body }),
  reply: (id: string, body: string, name: string) =>
    call<AdminCommentResponse>("POST", `/comments/${encodeURIComponent(id)}/reply`, { body, name }),
  lock: (site: string, page: string, locked: boolean) =>
    call<PageResponse>("POST", "/pages/lock", { site, page, locked }),
  pages: (site?: string, q?: string) => call<AdminPagesResponse>("GET", `/pages${query({ site, q })}`),
  movePage: (kind: PageMoveKind, site: string, from: string, to: string) =>
    call<PageMoveResponse>("POST", `/pages/${kind}`, { site, from, to }),
  undoMove: (site: string, id: number) => call<PageMoveResponse>("POST", "/pages/undo", { site, id }),
  moves: (site: string) => call<PageMovesResponse>("GET", `/pages/moves${query({ site })}`),
  bans: () => call<BansResponse>("GET", "/bans"),
  ban: (req: { kind: BanKind; value?: string; commentId?: string; note?: string; spamAll?: boolean }) =>
    call<BanResponse>("POST", "/bans", req),
  unban: (id: string) => call<void>("DELETE", `/bans/${encodeURIComponent(id)}`),
  deliveries: (f: { status?: string; channel?: string; before?: number }) =>
    call<AdminDeliveriesResponse>(
      "GET",
      `/deliveries${query({ status: f.status, channel: f.channel, before: f.before ? String(f.before) : undefined })}`,
    ),
  retryDelivery: (id: number) => call<AdminDeliveryResponse>("POST", `/deliveries/${id}/retry`),
};

export type { AdminComment };
