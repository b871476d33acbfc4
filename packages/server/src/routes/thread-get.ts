/**
 * The answers of `GET /api/comments` and `GET /api/comments.html`, apart from any framework:
 * the Hono routes (comments.ts, comments-html.ts) send them, and so does node:http straight
 * (fast-read.ts) for the same requests, before Hono. Each answer carries every header the
 * middleware chain would add to it (CORS's `*` for a read, `nosniff`), as a plain object:
 * the JSON's are built once per encoding, not per request.
 */
import { renderThread } from "@causette/widget/ssr";
import type { Context } from "hono";
import { type AppContext, serverOriginOf } from "../context.js";
import { fail } from "../errors.js";
import { type RequestView, serverOrigin } from "../middleware/proxy.js";
import { issueFormToken } from "../security/form-token.js";
import { threadReader } from "./thread-read.js";

/** A thread read as either caller sees it. */
export interface ReadRequest {
  /** The query string's parameters, decoded as Hono's `c.req.query()` does. */
  query: Record<string, string>;
  /** A request header, by name (any case). */
  header(name: string): string | undefined;
  /** The origin the browser sees for this server (the fragment's links name it). */
  serverOrigin(): string;
}

/** A 200 with its body, or a 304 (the fragment's ETag matched) without. */
export type ReadAnswer = { headers: Readonly<Record<string, string>> } & (
  | { status: 200; body: Uint8Array<ArrayBuffer> }
  | { status: 304; body: null }
);

export interface ThreadGets {
  json(req: ReadRequest): Promise<ReadAnswer>;
  html(req: ReadRequest): Promise<ReadAnswer>;
}

/** What the middleware chain adds to a public read: CORS (cors.ts) and nosniff (secure-headers.ts). */
const READ_HEADERS = { "Access-Control-Allow-Origin": "*", "X-Content-Type-Options": "nosniff" } as const;

const JSON_HEADERS = {
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-cache",
  Vary: "Accept-Encoding",
  ...READ_HEADERS,
} as const;
const JSON_HEADERS_BY_ENCODING = {
  identity: Object.freeze({ ...JSON_HEADERS }),
  br: Object.freeze({ ...JSON_HEADERS, "Content-Encoding": "br" }),
  gzip: Object.freeze({ ...JSON_HEADERS, "Content-Encoding": "gzip" }),
};

/** The languages the fragment is written in; any other well-formed tag reads English, as in the widget. */
export type FragmentLang = "en" | "fr";

/** `lang` as the widget reads `data-lang`: French for `fr` and its regions, else English. */
export function fragmentLang(value: string | undefined): FragmentLang {
  if (value === undefined || value === "") return "en";
  if (value.length > 35 || !/^[a-z]{2,8}(-[a-z0-9]{1,8})*$/i.test(value))
    throw fail("invalid_field", "lang must be a language tag such as en or fr.", "lang");
  return /^fr(-|$)/i.test(value) ? "fr" : "en";
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}`;
  });
}

/** A Hono request as a `ReadRequest`. */
export function honoRead(ctx: AppContext, c: Context): ReadRequest {
  return {
    query: c.req.query(),
    header: (name) => c.req.header(name),
    serverOrigin: () => serverOriginOf(ctx, c),
  };
}

/** A request seen through `view` (node:http's, fast-read.ts) as a `ReadRequest`. */
export function viewRead(ctx: AppContext, view: RequestView, query: Record<string, string>): ReadRequest {
  return {
    query,
    header: view.header,
    serverOrigin: () => serverOrigin(view, ctx.config.publicUrl, ctx.proxies),
  };
}

export function threadGets(ctx: AppContext): ThreadGets {
  const { cache } = ctx;
  const reads = threadReader(ctx);

  // One form token per second, shared by every read of that second.
  let token = { second: -1, value: "" };
  async function formToken(second: number): Promise<string> {
    if (token.second !== second) token = { second, value: issueFormToken(await ctx.secret(), second * 1000) };
    return token.value;
  }

  return {
    async json(req) {
      const query = await reads.query(req.query);
      const json = await reads.json(query, await reads.version(query));
      const second = Math.floor(Date.now() / 1000);
      const out = cache.body(
        query.key,
        json,
        await formToken(second),
        second,
        req.header("Accept-Encoding") ?? "",
      );
      return {
        status: 200,
        headers: JSON_HEADERS_BY_ENCODING[out.encoding ?? "identity"],
        body: out.bytes as Uint8Array<ArrayBuffer>,
      };
    },

    async html(req) {
      const q = req.query;
      const query = await reads.query(q);
      const lang = fragmentLang(q.lang);
      // The fragment's sort and next-page links name this server as the browser sees it: a
      // different origin is a different fragment.
      const server = req.serverOrigin();
      const key = `html\u0000${lang}\u0000${server}\u0000${query.key}`;
      const version = await reads.version(query);
      let html = cache.get(key, version);
      if (html === null) {
        const thread = JSON.parse(await reads.json(query, version));
        html = renderThread(
          { formToken: "", ...thread },
          { lang, sort: query.sort, site: query.site, page: query.page, server },
        );
        cache.set(key, version, html);
      }
      const out = cache.fixedBody(key, html, req.header("Accept-Encoding") ?? "");
      const headers: Record<string, string> = {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-cache",
        Vary: "Accept-Encoding",
        ETag: out.etag,
        ...READ_HEADERS,
      };
      if (matches(req.header("If-None-Match"), out.etag)) return { status: 304, headers, body: null };
      if (out.encoding) headers["Content-Encoding"] = out.encoding;
      return { status: 200, headers, body: out.bytes as Uint8Array<ArrayBuffer> };
    },
  };
}
