/** The storage layer: one `Store` interface, opened on SQLite or PostgreSQL. */
export { type AdminStore, KyselyAdminStore, type NewBan } from "./admin-store.js";
export { KyselyStore } from "./kysely-store.js";
export { MIGRATIONS } from "./migrations.js";
export { openStore, type StoreOptions } from "./open.js";
export type * from "./types.js";
