/**
 * @module demo/seed
 * The example blog's discussions (`causette serve --examples`): written into a fresh
 * database so the example is alive on the first run. A page that already has a comment,
 * whatever its status, is never touched.
 */
import { DEFAULTS } from "@causette/types";
import { importBatch } from "../comments/normalise.js";
import { newId } from "../security/crypto.js";
import type { ImportBatch, ImportComment, ImportVote, Store } from "../store/types.js";
import { ENGLISH_POST } from "./content-en.js";
import { FRENCH_POST } from "./content-fr.js";
import type { DemoPage } from "./types.js";

/** The example blog's posts, in the order the index lists them. */
export const DEMO_PAGES: readonly DemoPage[] = [FRENCH_POST, ENGLISH_POST];

const EVERY_STATUS = ["approved", "pending", "deleted", "spam"] as const;

export interface SeedResult {
  /** Page ids that received their discussion. */
  seeded: string[];
  /** Page ids left alone because they already had comments. */
  skipped: string[];
}

/**
 * Writes the demo discussions into every demo page that has no comment yet, one page per
 * transaction.
 *
 * @example
 * const { seeded } = await seedDemo(store);
 * if (seeded.length) console.log(`demo comments written on ${seeded.join(", ")}`);
 */
export async function seedDemo(
  store: Store,
  site: string = DEFAULTS.site,
  pages: readonly DemoPage[] = DEMO_PAGES,
): Promise<SeedResult> {
  const result: SeedResult = { seeded: [], skipped: [] };
  for (const page of pages) {
    if (await hasComments(store, site, page.id)) {
      result.skipped.push(page.id);
      continue;
    }
    await importBatch(store, demoBatch(site, page));
    result.seeded.push(page.id);
  }
  return result;
}

async function hasComments(store: Store, site: string, page: string): Promise<boolean> {
  const { comments } = await store.listThreads({
    site,
    page,
    sort: "oldest",
    limit: 1,
    cursor: null,
    statuses: EVERY_STATUS,
  });
  return comments.length > 0;
}

/** One page's discussion as an import batch: ids chosen here, so replies and votes can point at them. */
export function demoBatch(site: string, page: DemoPage): ImportBatch<ImportComment> {
  const ids = new Map<string, string>();
  const comments: ImportComment[] = [];
  const votes: ImportVote[] = [];
  for (const c of page.comments) {
    const id = newId();
    ids.set(c.key, id);
    const parentId = c.parent === undefined ? null : ids.get(c.parent);
    if (parentId === undefined)
      throw new Error(`demo comment ${c.key}: parent ${c.parent} comes later or is missing`);
    comments.push({
      id,
      site,
      page: page.id,
      parentId,
      authorName: c.name,
      authorWebsite: c.website ?? null,
      isModerator: c.moderator ?? false,
      body: c.body,
      status: "approved",
      // The import writes vote rows as given and the score as given: keep them equal.
      score: c.votes ?? 0,
      createdAt: c.at,
      source: "demo",
      sourceId: `${page.id}#${c.key}`,
    });
    for (let i = 0; i < (c.votes ?? 0); i++) {
      votes.push({ commentId: id, voter: `demo-reader-${i + 1}`, value: 1, createdAt: c.at });
    }
  }
  return {
    pages: [{ site, path: page.id, title: page.title, createdAt: page.comments[0]?.at }],
    comments,
    votes,
    shares: Object.entries(page.shares ?? {}).map(([network, count]) => ({
      site,
      page: page.id,
      network,
      count,
    })),
  };
}
