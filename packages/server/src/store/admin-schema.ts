/** The moderation tables (migrations 050 and 051), beside the core ones of `schema.ts`. */

export interface AdminSessionsTable {
  /** SHA-256 of the session cookie's token: a stolen database does not log anyone in. */
  token_hash: string;
  created_at: string;
  expires_at: string;
}

/** One row per client that tried to log in: locked while its attempts are counted. */
export interface AdminLoginClientsTable {
  /** The keyed hash of the client's address. */
  client: string;
  /** Its latest attempt. */
  at: string;
}

/** A login attempt, counted before the password is checked; a success removes its own row. */
export interface AdminLoginAttemptsTable {
  id: string;
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
  admin_login_clients: AdminLoginClientsTable;
  admin_login_attempts: AdminLoginAttemptsTable;
  bans: BansTable;
};
