/**
 * @module store/subscriptions-store
 * Who asked for e-mail, and about what (migration 061_subscriptions). An address is stored
 * once per site, lowercased; messages in the outbox name it by its id, never by the address.
 * Reached as `store.subscriptions`.
 */
import type { Kysely, Transaction } from "kysely";
import { newId } from "../security/crypto.js";
import type { Database } from "./schema.js";

export type SubscriptionScope = "comment" | "page";

export interface MailAddress {
  id: string;
  site: string;
  email: string;
  confirmedAt: string | null;
  createdAt: string;
  /** The language its e-mails and pages are in (a BCP 47 tag), or null: the server's. */
  lang: string | null;
}

export interface Subscription {
  addressId: string;
  scope: SubscriptionScope;
  /** A comment id ("comment": its replies) or a page id ("page": its new comments). */
  target: string;
  site: string;
  page: string;
  createdAt: string;
}

export interface SubscriptionStore {
  /**
   * The address's row on the site, created (unconfirmed) when missing; `lang`, when given,
   * becomes its language (the latest page it subscribed from speaks for it).
   */
  address(site: string, email: string, now: string, lang?: string | null): Promise<MailAddress>;
  getAddress(id: string): Promise<MailAddress | null>;
  findAddress(site: string, email: string): Promise<MailAddress | null>;
  /** Marks it confirmed (once: a later call keeps the first time). False when it is gone. */
  confirm(id: string, now: string): Promise<boolean>;
  subscribe(sub: Subscription): Promise<void>;
  /** Ends one subscription, or every one of the address when `scope` is omitted. Returns how many. */
  unsubscribe(addressId: string, scope?: SubscriptionScope, target?: string): Promise<number>;
  list(addressId: string): Promise<Subscription[]>;
  has(addressId: string, scope: SubscriptionScope, target: string): Promise<boolean>;
  /** The confirmed addresses following `target` on `site`. */
  followers(site: string, scope: SubscriptionScope, target: string): Promise<MailAddress[]>;
  /** Deletes the address (on one site, or every site) with its subscriptions; returns their ids. */
  forget(email: string, site?: string): Promise<string[]>;
  /**
   * Whether the owner's alerts to `email` are turned off (the owner's one-click unsubscribe;
   * a `meta` row per address, so a new CAUSETTE_OWNER_EMAIL starts with its alerts on).
   */
  ownerAlertsOff(email: string): Promise<boolean>;
  /** Turns the owner's alerts to `email` off or back on. */
  setOwnerAlerts(email: string, on: boolean, now: string): Promise<void>;
}

type Db = Kysely<Database> | Transaction<Database>;

/** The address's row on the site, created when missing, with its language updated when given. */
export async function upsertAddress(
  db: Db,
  site: string,
  email: string,
  now: string,
  lang?: string | null,
): Promise<MailAddress> {
  const lower = email.toLowerCase();
  await db
    .insertInto("mail_addresses")
    .values({ id: newId(), site, email: lower, confirmed_at: null, created_at: now, lang: lang ?? null })
    .onConflict((oc) => oc.columns(["site", "email"]).doNothing())
    .execute();
  if (lang)
    await db
      .updateTable("mail_addresses")
      .set({ lang })
      .where("site", "=", site)
      .where("email", "=", lower)
      .execute();
  const row = await db
    .selectFrom("mail_addresses")
    .selectAll()
    .where("site", "=", site)
    .where("email", "=", lower)
    .executeTakeFirst();
  if (!row) throw new Error("mail address vanished while being written");
  return toAddress(row);
}

/** Writes one subscription (again: nothing changes). */
export async function insertSubscription(db: Db, sub: Subscription): Promise<void> {
  await db
    .insertInto("subscriptions")
    .values({
      address_id: sub.addressId,
      scope: sub.scope,
      target: sub.target,
      site: sub.site,
      page: sub.page,
      created_at: sub.createdAt,
    })
    .onConflict((oc) => oc.columns(["address_id", "scope", "target"]).doNothing())
    .execute();
}

const OWNER_OFF = "owner_alerts_off:";

type AddressRow = Database["mail_addresses"];

function toAddress(row: AddressRow): MailAddress {
  return {
    id: row.id,
    site: row.site,
    email: row.email,
    confirmedAt: row.confirmed_at,
    createdAt: row.created_at,
    lang: row.lang ?? null,
  };
}

export class KyselySubscriptionStore implements SubscriptionStore {
  constructor(private readonly db: Kysely<Database>) {}

  address(site: string, email: string, now: string, lang?: string | null): Promise<MailAddress> {
    return upsertAddress(this.db, site, email, now, lang);
  }

  async getAddress(id: string): Promise<MailAddress | null> {
    const row = await this.db
      .selectFrom("mail_addresses")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toAddress(row) : null;
  }

  async findAddress(site: string, email: string): Promise<MailAddress | null> {
    const row = await this.db
      .selectFrom("mail_addresses")
      .selectAll()
      .where("site", "=", site)
      .where("email", "=", email.toLowerCase())
      .executeTakeFirst();
    return row ? toAddress(row) : null;
  }

  async confirm(id: string, now: string): Promise<boolean> {
    await this.db
      .updateTable("mail_addresses")
      .set({ confirmed_at: now })
      .where("id", "=", id)
      .where("confirmed_at", "is", null)
      .execute();
    return (await this.getAddress(id)) !== null;
  }

  subscribe(sub: Subscription): Promise<void> {
    return insertSubscription(this.db, sub);
  }

  async unsubscribe(addressId: string, scope?: SubscriptionScope, target?: string): Promise<number> {
    let q = this.db.deleteFrom("subscriptions").where("address_id", "=", addressId);
    if (scope) q = q.where("scope", "=", scope);
    if (target !== undefined) q = q.where("target", "=", target);
    const result = await q.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async list(addressId: string): Promise<Subscription[]> {
    const rows = await this.db
      .selectFrom("subscriptions")
      .selectAll()
      .where("address_id", "=", addressId)
      .orderBy("created_at")
      .execute();
    return rows.map((r) => ({
      addressId: r.address_id,
      scope: r.scope as SubscriptionScope,
      target: r.target,
      site: r.site,
      page: r.page,
      createdAt: r.created_at,
    }));
  }

  async has(addressId: string, scope: SubscriptionScope, target: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("subscriptions")
      .select("address_id")
      .where("address_id", "=", addressId)
      .where("scope", "=", scope)
      .where("target", "=", target)
      .executeTakeFirst();
    return row !== undefined;
  }

  async followers(site: string, scope: SubscriptionScope, target: string): Promise<MailAddress[]> {
    const rows = await this.db
      .selectFrom("subscriptions as s")
      .innerJoin("mail_addresses as a", "a.id", "s.address_id")
      .selectAll("a")
      .where("s.scope", "=", scope)
      .where("s.target", "=", target)
      .where("s.site", "=", site)
      .where("a.confirmed_at", "is not", null)
      .execute();
    return rows.map(toAddress);
  }

  async forget(email: string, site?: string): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      let q = trx.selectFrom("mail_addresses").select("id").where("email", "=", email.toLowerCase());
      if (site !== undefined) q = q.where("site", "=", site);
      const ids = (await q.execute()).map((r) => r.id);
      if (!ids.length) return [];
      // Explicitly, not only by the foreign key's cascade (PostgreSQL and SQLite agree then).
      await trx.deleteFrom("subscriptions").where("address_id", "in", ids).execute();
      await trx.deleteFrom("mail_addresses").where("id", "in", ids).execute();
      return ids;
    });
  }

  async ownerAlertsOff(email: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("meta")
      .select("key")
      .where("key", "=", OWNER_OFF + email.toLowerCase())
      .executeTakeFirst();
    return row !== undefined;
  }

  async setOwnerAlerts(email: string, on: boolean, now: string): Promise<void> {
    const key = OWNER_OFF + email.toLowerCase();
    if (on) await this.db.deleteFrom("meta").where("key", "=", key).execute();
    else
      await this.db
        .insertInto("meta")
        .values({ key, value: now })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
  }
}
