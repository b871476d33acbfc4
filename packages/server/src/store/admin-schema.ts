/** The moderation tables (migration 050_admin), beside the core ones of `schema.ts`. */

export interface AdminSessionsTable {
  /** SHA-256 of the session cookie's token: a stolen database does not log anyone in. */
  token_hash: string;
  created_at: string;
  expires_at: string;
}

export interface AdminLoginFailuresTable {
  /** The keyed hash of the client's address. */
  client: string;
  at: string;
}

export interface BansTable {
  id: string;
  /** "email", "ip" or "word". */
  kind: string;
  /** Lowercased e-mail (or "@domain"), an ip hash, or a word or phrase. */
  value: string;
  note: string | null;
  created_at: string;
}

// A type alias, not an interface: Kysely's `withTables` needs an index-compatible record.
export type AdminTables = {
  admin_sessions: AdminSessionsTable;
  admin_login_failures: AdminLoginFailuresTable;
  bans: BansTable;
};
