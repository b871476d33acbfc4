/** Reads that take page ids as readers' pages name them, old ids (aliases) included. */
import type { Store } from "./types.js";

/**
 * Approved comments per page id, each counted on the page it is served (an old id after a
 * move reports the new thread's count), keyed by the ids asked for.
 *
 * @example await countThreads(store, "default", ["/old-path/"]) // { "/old-path/": 12 }
 */
export async function countThreads(
  store: Store,
  site: string,
  pages: readonly string[],
): Promise<Record<string, number>> {
  const served = await Promise.all(pages.map((page) => store.resolvePage(site, page)));
  const counts = await store.countApproved(site, [...new Set(served)]);
  const out: Record<string, number> = {};
  pages.forEach((page, i) => {
    out[page] = counts[served[i]!] ?? 0;
  });
  return out;
}
