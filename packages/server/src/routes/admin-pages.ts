/**
 * `/api/admin/pages`: pages with their counts, locking a page's thread, and moving threads
 * between page ids (move, alias, merge, undo: store/page-moves.ts).
 */
import {
  LIMITS,
  type PageInfo,
  type PageMoveKind,
  type PageMoveResponse,
  type PageMovesResponse,
} from "@causette/types";
import { Hono } from "hono";
import type { AppContext } from "../context.js";
import { fail } from "../errors.js";
import { readJson } from "../middleware/body.js";
import * as v from "../validate.js";

export function adminPageRoutes(ctx: AppContext): Hono {
  const app = new Hono();

  app.get("/", async (c) => {
    const site = v.text(c.req.query("site"), { field: "site", max: LIMITS.siteMax }) ?? undefined;
    const q = v.text(c.req.query("q"), { field: "q", max: 200 }) ?? undefined;
    const pages = await ctx.store.admin.listPages({ site, q, limit: 500 });
    // Old ids of moved threads are listed with the page they now show.
    for (const s of new Set(pages.map((p) => p.site))) {
      const aliases = await ctx.store.moves.aliasesOf(
        s,
        pages.filter((p) => p.site === s).map((p) => p.id),
      );
      for (const p of pages) if (p.site === s) p.aliasOf = aliases.get(p.id) ?? null;
    }
    return c.json({ pages });
  });

  app.post("/lock", async (c) => {
    const input = await readJson(c);
    const site = v.site(input.site);
    const path = v.pageId(input.page);
    if (typeof input.locked !== "boolean")
      throw fail("invalid_field", "locked must be true or false.", "locked");
    const page = await ctx.comments.lockPage(site, path, input.locked);
    const counts = await ctx.store.countApproved(site, [path]);
    const info: PageInfo = {
      id: page.path,
      title: page.title,
      url: page.url,
      commentCount: counts[path] ?? 0,
      locked: page.locked,
    };
    return c.json({ page: info });
  });

  app.get("/moves", async (c) => {
    const body: PageMovesResponse = { moves: await ctx.store.moves.list(v.site(c.req.query("site"))) };
    return c.json(body);
  });

  app.post("/undo", async (c) => {
    const input = await readJson(c);
    const id = input.id;
    if (id !== undefined && id !== null && !(Number.isSafeInteger(id) && (id as number) > 0))
      throw fail("invalid_field", "id must be the number of an operation.", "id");
    const move = await ctx.comments.movePage(
      { undo: (id as number | undefined) ?? null },
      v.site(input.site),
      "admin",
    );
    return c.json({ move } satisfies PageMoveResponse);
  });

  app.post("/:kind{move|alias|merge}", async (c) => {
    const kind = c.req.param("kind") as PageMoveKind;
    const input = await readJson(c);
    const site = v.site(input.site);
    const from = v.pageId(input.from, "from");
    const to = v.pageId(input.to, "to");
    const move = await ctx.comments.movePage({ kind, from, to }, site, "admin");
    return c.json({ move } satisfies PageMoveResponse);
  });

  return app;
}
