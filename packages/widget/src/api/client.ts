/**
 * The Causette HTTP API (docs/api.md): one typed function per route, every call through one
 * ky instance (the server as prefix, a timeout, retries that honour `Retry-After` for 429 and
 * 503 on reads only, and a hook that turns the API's error bodies into a `Problem` the
 * interface can put into words).
 *
 * ky is part of the app, which loads at a reader's first sign of intent: a reader who only
 * reads downloads neither (CONTRIBUTING.md has the figures).
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
import ky, { type HTTPError, isHTTPError, type Options } from "ky";

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
 * Retries: reads only (a write is never sent twice), only when the server says it is busy
 * (429 rate limited, 503 unavailable), after the `Retry-After` it names (capped at 10 s;
 * beyond, the reader is told when to try again).
 */
const RETRY = {
  limit: 2,
  methods: ["get"],
  statusCodes: [429, 503],
  afterStatusCodes: [429, 503],
  maxRetryAfter: 10_000,
};

/** The answer's error body as a `Problem`: `{ error: { code, field } }` and `Retry-After`. */
async function toProblem(response: Response): Promise<Problem> {
  const data = await response.json().catch(() => null);
  const retry = Number(response.headers.get("Retry-After"));
  return new Problem(
    data?.error?.code ?? `http_${response.status}`,
    data?.error?.field,
    retry > 0 ? retry : undefined,
  );
}

/**
 * @example
 * const api = createApi("https://comments.example.com");
 * const { comments } = await api.list({ page: "/2016/08/post/" });
 */
export function createApi(
  server: string,
  /** The page's language (`<html lang>` or the `lang` option): sent with new comments for their e-mails. */
  lang?: string,
) {
  const http = ky.create({
    prefixUrl: `${server.replace(/\/+$/, "")}/api/`,
    timeout: 20_000,
    retry: {
      ...RETRY,
      // Only an answer of the statuses above; a Problem is the hook's final word (below),
      // and no answer at all is said at once (the reader's text is kept; they try again).
      shouldRetry: ({ error }) => (isHTTPError(error) ? undefined : false),
    },
    hooks: {
      beforeError: [
        // The error body becomes the contract's typed error — unless ky is about to retry.
        async (error, { retryCount }) => {
          const { request, response } = error;
          const again =
            RETRY.methods.includes(request.method.toLowerCase()) &&
            RETRY.statusCodes.includes(response.status) &&
            retryCount < RETRY.limit;
          return again ? error : ((await toProblem(response)) as unknown as HTTPError);
        },
      ],
    },
  });

  async function call<T>(path: string, options?: Options): Promise<T> {
    try {
      return await http(path, options).json<T>();
    } catch (e) {
      if (isProblem(e)) throw e;
      // No answer (network, timeout). A write the server's CORS refuses fails as if the
      // network had: reads are open to every origin, so ask the server whether this page's
      // origin may write (GET /api/origin).
      const refused = (
        (await http("origin", { throwHttpErrors: false, retry: 0, timeout: 5_000 })
          .json()
          .catch(Boolean)) as OriginResponse
      ).error;
      if (refused) console.error(refused.message);
      throw new Problem(refused ? refused.code : "network");
    }
  }
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const one = (id: string) => `comments/${encodeURIComponent(id)}`;
  return {
    list: (q: ListCommentsQuery) =>
      call<ListResponse>("comments", {
        // Absent keys only: `cursor=undefined` would be sent as text.
        searchParams: Object.entries(q).filter((e) => e[1] != null) as [string, string][],
      }),
    create: (body: CreateCommentRequest) =>
      call<CreateCommentResponse>("comments", { method: "post", json: lang ? { lang, ...body } : body }),
    edit: (id: string, token: string, body: string) =>
      call<CommentResponse>(one(id), {
        method: "patch",
        json: { body },
        headers: auth(token),
      }),
    remove: (id: string, token: string) =>
      call<CommentResponse>(one(id), { method: "delete", headers: auth(token) }),
    vote: (id: string, voter: string, value: VoteValue) =>
      call<VoteResponse>(`${one(id)}/vote`, {
        method: "post",
        json: { value },
        headers: { "X-Causette-Voter": voter },
      }),
  };
}

/** Turns anything a call threw into a `Problem`. */
export const problem = (e: unknown): Problem => (isProblem(e) ? e : new Problem("network"));
