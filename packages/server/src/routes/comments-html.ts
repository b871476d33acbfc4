/**
 * `GET /api/comments.html`: a page of the thread as an HTML fragment, drawn by the widget's
 * own components (`@causette/widget/ssr`), for the loader to show at once and for sites to
 * include in their pages (docs/seo.md). Same query, same checks, same thread as
 * `GET /api/comments`; cached per page version, compressed once, with an ETag.
 */
import { renderThread } from "@causette/widget/ssr";
import { Hono } from "hono";
import { type AppContext, serverOriginOf } from "../context.js";
import { fail } from "../errors.js";
import { threadReader } from "./thread-read.js";

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

export function commentHtmlRoutes(ctx: AppContext): Hono {
  const { cache } = ctx;
  const reads = threadReader(ctx);
  const app = new Hono();

  app.get("/", async (c) => {
    const q = c.req.query();
    const query = await reads.query(q);
    const lang = fragmentLang(q.lang);
    // Links in the fragment (next page, permalinks, the widget's files) name this server as
    // the browser sees it: a different origin is a different fragment.
    const server = serverOriginOf(ctx, c);
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
    const out = cache.fixedBody(key, html, c.req.header("Accept-Encoding") ?? "");
    const headers: Record<string, string> = {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-cache",
      Vary: "Accept-Encoding",
      ETag: out.etag,
    };
    if (matches(c.req.header("If-None-Match"), out.etag)) return c.body(null, 304, headers);
    if (out.encoding) headers["Content-Encoding"] = out.encoding;
    return c.body(out.bytes as Uint8Array<ArrayBuffer>, 200, headers);
  });

  return app;
}
