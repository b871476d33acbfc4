/**
 * The Causette HTTP API (../shared/API.md): one typed function per route. Failures become a
 * `Problem` the interface can put into words.
 *
 * Plain `fetch`, not ky: ky 1.14 weighs about 5 KB gzip in the script-tag bundle — nearly a
 * third of the 16 KB a reader may download — for retries, hooks and progress events that
 * these five calls do not use (CONTRIBUTING.md has the figures).
 */
import type {
  CommentResponse,
  CreateCommentRequest,
  CreateCommentResponse,
  ListCommentsQuery,
  ListCommentsResponse,
  OriginResponse,
  VoteResponse,
  VoteValue,
} from "@causette/types";

/** `GET /api/comments` as the server sends it, with the signed form token it adds. */
export type ListResponse = ListCommentsResponse & { formToken?: string };

/**
 * A failed call: the API's error code (`@causette/types`' `ErrorCode`, or "network" when no
 * answer came), the field at fault, and the seconds to wait (`Retry-After`).
 *
 * @example
 * try { await api.create(body) } catch (e) { if (isProblem(e) && e.code === "page_locked") … }
 */
export class Problem extends Error {
  declare readonly code: string;
  declare readonly field?: string;
  declare readonly retry?: number;

  constructor(code: string, field?: string, retry?: number) {
    super(code);
    Object.assign(this, { code, field, retry });
  }
}

/** Whether a call failed with an answer (or no answer) of the API, as opposed to a bug. */
export const isProblem = (e: unknown): e is Problem => e instanceof Problem;

export type Api = ReturnType<typeof createApi>;

/**
 * @example
 * const api = createApi("https://comments.example.com");
 * const { comments } = await api.list({ page: "/2016/08/post/" });
 */
export function createApi(server: string) {
  const api = `${server.replace(/\/+$/, "")}/api/`;
  const base = `${api}comments`;
  async function call<T>(
    path: string,
    method = "GET",
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T> {
    let res: Response;
    // One deadline for the call and, when it fails, the question that follows.
    const signal = AbortSignal.timeout(20_000);
    try {
      res = await fetch(base + path, {
        method,
        headers: body ? { "Content-Type": "application/json", ...headers } : headers,
        body: body ? JSON.stringify(body) : undefined,
        signal,
      });
    } catch {
      // A write the server's CORS refuses fails as if the network had: reads are open to every
      // origin, so ask the server whether this page's origin may write (GET /api/origin).
      const refused = (
        (await fetch(`${api}origin`, { signal })
          .then((r) => r.json(), Boolean)
          .catch(Boolean)) as OriginResponse
      ).error;
      if (refused) console.error(refused.message);
      throw new Problem(refused ? refused.code : "network");
    }
    const data = await res.json().catch(() => null);
    if (res.ok) return data as T;
    const retry = Number(res.headers.get("Retry-After"));
    throw new Problem(
      data?.error?.code ?? `http_${res.status}`,
      data?.error?.field,
      retry > 0 ? retry : undefined,
    );
  }
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  return {
    list: (q: ListCommentsQuery) =>
      call<ListResponse>(
        // Absent keys only: `cursor=undefined` would be sent as text.
        `?${new URLSearchParams(Object.entries(q).filter((e) => e[1] != null) as [string, string][])}`,
      ),
    create: (body: CreateCommentRequest) => call<CreateCommentResponse>("", "POST", body),
    edit: (id: string, token: string, body: string) =>
      call<CommentResponse>(`/${encodeURIComponent(id)}`, "PATCH", { body }, auth(token)),
    remove: (id: string, token: string) =>
      call<CommentResponse>(`/${encodeURIComponent(id)}`, "DELETE", undefined, auth(token)),
    vote: (id: string, voter: string, value: VoteValue) =>
      call<VoteResponse>(`/${encodeURIComponent(id)}/vote`, "POST", { value }, { "X-Causette-Voter": voter }),
  };
}

/** Turns anything a call threw into a `Problem`. */
export const problem = (e: unknown): Problem => (isProblem(e) ? e : new Problem("network"));
