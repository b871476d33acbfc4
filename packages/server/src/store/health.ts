/**
 * @module health
 * The database's state for `/healthz`, within a bound: a load balancer's check must get an
 * answer even from a database that accepts connections and never replies.
 */
import type { DatabaseState } from "@causette/types";
import type { Store } from "./types.js";
import { storageCondition } from "./unavailable.js";

/** How long `/healthz` waits for the database before it answers "timeout". */
export const HEALTH_TIMEOUT = 2_000;

/**
 * @example
 * const state = await databaseState(store); // "ok", "unavailable", "timeout" or "disk full"
 */
export async function databaseState(store: Store, within = HEALTH_TIMEOUT): Promise<DatabaseState> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<DatabaseState>((resolve) => {
    timer = setTimeout(() => resolve("timeout"), within);
  });
  try {
    return await Promise.race([store.ping().then((): DatabaseState => "ok"), late]);
  } catch (err) {
    // A closed store or an unknown failure: not answering, whatever the reason.
    return storageCondition(err) ?? "unavailable";
  } finally {
    clearTimeout(timer);
  }
}
