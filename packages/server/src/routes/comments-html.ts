/**
 * `GET /api/comments.html`: a page of the thread as an HTML fragment, drawn by the widget's
 * own components (`@causette/widget/ssr`), for the loader to show at once and for sites to
 * include in their pages (docs/seo.md). Same query, same checks, same thread as
 * `GET /api/comments`; cached per page version, compressed once, with an ETag.
 */
import { Hono } from "hono";
import type { AppContext } from "../context.js";
import { honoRead, type ThreadGets, threadGets } from "./thread-get.js";

export function commentHtmlRoutes(ctx: AppContext, gets: ThreadGets = threadGets(ctx)): Hono {
  const app = new Hono();

  app.get("/", async (c) => {
    const answer = await gets.html(honoRead(ctx, c));
    return answer.body === null
      ? c.body(null, answer.status, answer.headers)
      : c.body(answer.body, answer.status, answer.headers);
  });

  return app;
}
