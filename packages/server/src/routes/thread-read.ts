/**
 * What `GET /api/comments` and `GET /api/comments.html` share: one reading of the query
 * (same checks, same 400s) and one cached JSON of the thread's page, which the HTML
 * fragment is rendered from.
 */
import { LIMITS, type ListCommentsResponse, SORTS, type Sort } from "@causette/types";
import type { AppContext } from "../context.js";
import { fail } from "../errors.js";
import { toPublicComment, visibleThread } from "../serialize.js";
import type { ThreadQuery } from "../store/types.js";
import * as v from "../validate.js";

const PUBLIC_STATUSES = ["approved", "deleted"] as const;

/** The store's query without the statuses (always the public ones), `page` after aliases. */
export interface ThreadRead extends Omit<ThreadQuery, "statuses"> {
  /** The JSON's cache key; other representations prefix it. */
  key: string;
}

/** The thread's response without `formToken`, as JSON (starts with "{"). */
export type ThreadJson = string;

export interface ThreadReader {
  /** Checks the query as the API documents it; throws 400 `invalid_field` naming the field. */
  query(q: Record<string, string>): Promise<ThreadRead>;
  /** The page's version: read it before the thread, so a write landing meanwhile rebuilds. */
  version(query: ThreadRead): Promise<number>;
  /** The thread's JSON at `version`, from the cache or the store. */
  json(query: ThreadRead, version: number): Promise<ThreadJson>;
}

export function threadReader(ctx: AppContext): ThreadReader {
  const { store, cache } = ctx;

  return {
    async query(q) {
      const site = v.site(q.site);
      const page = await store.resolvePage(site, v.pageId(q.page));
      const sort = (q.sort ?? "oldest") as Sort;
      if (!(SORTS as readonly string[]).includes(sort))
        throw fail("invalid_field", `sort must be one of ${SORTS.join(", ")}.`, "sort");
      const limit = v.integerParam(q.limit, "limit", 1, LIMITS.pageSizeMax, LIMITS.pageSizeDefault);
      const cursor = q.cursor ? v.text(q.cursor, { field: "cursor", max: 500 }) : null;
      return { site, page, sort, limit, cursor, key: [site, page, sort, limit, cursor ?? ""].join("\u0000") };
    },

    // SQLite answers the version from a prepared statement in microseconds; on PostgreSQL, a
    // version read holds while the event feed listens, until an event of the page (a write
    // on any server) forgets it (ThreadCache.trustVersions).
    async version({ site, page }) {
      const known = cache.knownVersion(site, page);
      if (known !== undefined) return known;
      const epoch = cache.epoch;
      const version = await store.pageVersion(site, page);
      cache.rememberVersion(site, page, version, epoch);
      return version;
    },

    async json({ site, page, sort, limit, cursor, key }, version) {
      const cached = cache.get(key, version);
      if (cached !== null) return cached;
      // Read first: an event committed from here on is either in the thread read below or
      // after this id, so a stream resumed from it misses nothing (it may repeat a comment,
      // which a client takes as that comment's state now).
      const eventId = await store.events.latestId();
      const [info, counts, threads] = await Promise.all([
        store.getPage(site, page),
        store.countApproved(site, [page]),
        store.listThreads({ site, page, sort, limit, cursor, statuses: PUBLIC_STATUSES }),
      ]);
      const response: Omit<ListCommentsResponse, "formToken"> = {
        page: {
          id: page,
          title: info?.title ?? null,
          url: info?.url ?? null,
          commentCount: counts[page] ?? 0,
          locked: info?.locked ?? false,
        },
        comments: visibleThread(threads.comments).map(toPublicComment),
        nextCursor: threads.nextCursor,
        mail: ctx.mail !== null,
        eventId: String(eventId),
      };
      const json = JSON.stringify(response);
      cache.set(key, version, json);
      return json;
    },
  };
}
