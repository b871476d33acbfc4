/**
 * `/api/feed/page.atom?site&page` and `/api/feed/site.atom?site`: Atom feeds of a page's
 * comments and of a site's latest comments (approved, as the public thread shows them).
 * Public like every read (`Access-Control-Allow-Origin: *`). Each feed is cached by a
 * version every server of the database agrees on — the page's version for a page, the
 * site's latest event for a site — and answers `If-None-Match` with 304.
 */
import { type Context, Hono } from "hono";
import { ThreadCache } from "../cache/thread-cache.js";
import { type AppContext, serverOriginOf } from "../context.js";
import { atomFeed, type FeedEntry } from "../feeds/atom.js";
import type { CommentRecord } from "../store/types.js";
import * as v from "../validate.js";

/** Entries per feed: the default, and the most `limit` may ask. */
export const FEED_LIMITS = { default: 50, max: 200 } as const;

/** Stated as `updated` by a feed with no entry yet (a fixed time keeps the document stable). */
const EPOCH = "1970-01-01T00:00:00.000Z";

export function feedRoutes(ctx: AppContext): Hono {
  const { store } = ctx;
  const cache = new ThreadCache(500, 8 * 1024 * 1024);
  const app = new Hono();

  async function entries(records: CommentRecord[]): Promise<FeedEntry[]> {
    const keys = [
      ...new Map(records.map((r) => [`${r.site}\u0000${r.page}`, { site: r.site, page: r.page }])).values(),
    ];
    const pages = new Map((await store.admin.pagesFor(keys)).map((p) => [`${p.site}\u0000${p.path}`, p]));
    return records.map((comment) => {
      const page = pages.get(`${comment.site}\u0000${comment.page}`);
      return { comment, pageName: page?.title || comment.page, pageUrl: page?.url ?? null };
    });
  }

  function send(c: Context, key: string, version: number, build: () => Promise<string>) {
    const etag = `W/"${createEtag(key, version)}"`;
    const headers = {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": "no-cache",
      ETag: etag,
    };
    if (
      c.req
        .header("If-None-Match")
        ?.split(/\s*,\s*/)
        .includes(etag)
    )
      return c.body(null, 304, headers);
    return (async () => {
      let xml = cache.get(key, version);
      if (xml === null) {
        xml = await build();
        cache.set(key, version, xml);
      }
      return c.body(xml, 200, headers);
    })();
  }

  app.get("/page.atom", async (c) => {
    const q = c.req.query();
    const site = v.site(q.site);
    const page = await store.resolvePage(site, v.pageId(q.page));
    const limit = v.integerParam(q.limit, "limit", 1, FEED_LIMITS.max, FEED_LIMITS.default);
    const self = `${serverOriginOf(ctx, c)}/api/feed/page.atom?${new URLSearchParams({ site, page, ...(q.limit ? { limit: String(limit) } : {}) })}`;
    const key = ["page", site, page, limit, self].join("\u0000");
    const version = await store.pageVersion(site, page);
    return send(c, key, version, async () => {
      const [info, records] = await Promise.all([
        store.getPage(site, page),
        store.recentApproved(site, page, limit),
      ]);
      const name = info?.title || page;
      return atomFeed({
        idName: `feed:page:${site}:${page}`,
        title: `Comments on ${name}`,
        self,
        alternate: info?.url ?? null,
        entries: records.map((comment) => ({ comment, pageName: name, pageUrl: info?.url ?? null })),
        emptyUpdated: info?.createdAt ?? EPOCH,
      });
    });
  });

  app.get("/site.atom", async (c) => {
    const q = c.req.query();
    const site = v.site(q.site);
    const limit = v.integerParam(q.limit, "limit", 1, FEED_LIMITS.max, FEED_LIMITS.default);
    const self = `${serverOriginOf(ctx, c)}/api/feed/site.atom?${new URLSearchParams({ site, ...(q.limit ? { limit: String(limit) } : {}) })}`;
    const key = ["site", site, limit, self].join("\u0000");
    // Every change on the site writes an event: its latest id is the site's version.
    const version = await store.events.latestId({ site });
    return send(c, key, version, async () =>
      atomFeed({
        idName: `feed:site:${site}`,
        title: site === "default" ? "Latest comments" : `Latest comments on ${site}`,
        self,
        alternate: null,
        entries: await entries(await store.recentApproved(site, null, limit)),
        emptyUpdated: EPOCH,
      }),
    );
  });

  return app;
}

function createEtag(key: string, version: number): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return `${(h >>> 0).toString(36)}-${version}`;
}
