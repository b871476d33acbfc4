/** Page versions: every write to a page's thread bumps its version (cache validation). */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

/** Bumps a page's version so every server's cached thread of that page goes stale. */
export async function bumpVersion(db: Db, site: string, path: string): Promise<void> {
  await db
    .updateTable("pages")
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("site", "=", site)
    .where("path", "=", path)
    .execute();
}
