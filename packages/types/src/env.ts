/** Environment variables read by the server and the CLI (API.md). Names are a contract. */
export const ENV = {
  port: "CAUSETTE_PORT",
  host: "CAUSETTE_HOST",
  db: "CAUSETTE_DB",
  databaseUrl: "DATABASE_URL",
  origins: "CAUSETTE_ORIGINS",
  moderation: "CAUSETTE_MODERATION",
  adminPassword: "CAUSETTE_ADMIN_PASSWORD",
  rateLimit: "CAUSETTE_RATE_LIMIT",
  editWindow: "CAUSETTE_EDIT_WINDOW",
  dbConnectTimeout: "CAUSETTE_DB_CONNECT_TIMEOUT",
  dbQueryTimeout: "CAUSETTE_DB_QUERY_TIMEOUT",
  /** Which peers are proxies whose X-Forwarded-* headers count (docs/server.md). */
  trustProxy: "CAUSETTE_TRUST_PROXY",
  /** The server's public origin (`https://comments.example.com`), when a proxy sits in front. */
  publicUrl: "CAUSETTE_PUBLIC_URL",
  log: "CAUSETTE_LOG",
  /** E-mail (docs/notifications.md): the relay; without it nothing is sent and the form offers none. */
  smtpUrl: "CAUSETTE_SMTP_URL",
  mailFrom: "CAUSETTE_MAIL_FROM",
  /**
   * The language of e-mails and of the server's mail pages, en or fr, when the reader's page
   * gave none the server speaks (a comment's `lang`); the owner's alerts are always in it.
   */
  mailLang: "CAUSETTE_MAIL_LANG",
  /** Seconds during which the replies following a reply e-mail wait to go out together. */
  mailGroupSeconds: "CAUSETTE_MAIL_GROUP_SECONDS",
  ownerEmail: "CAUSETTE_OWNER_EMAIL",
  /** all | pending | none: which new comments the owner is told of. */
  ownerNotify: "CAUSETTE_OWNER_NOTIFY",
  /** Connections in the PostgreSQL pool (default: sized for the machine's cores). */
  dbPool: "CAUSETTE_DB_POOL",
  /** Days the event log keeps events for live streams catching up (docs/server.md). */
  eventsRetention: "CAUSETTE_EVENTS_RETENTION",
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

export const DEFAULTS = {
  port: 8787,
  host: "127.0.0.1",
  db: "./causette.db",
  site: "default",
  /** Seconds to open a PostgreSQL connection (or wait for a free one). */
  dbConnectTimeout: 5,
  /** Seconds one PostgreSQL statement may run. */
  dbQueryTimeout: 10,
  /** Days of the event log kept (a live stream further behind reloads its thread). */
  eventsRetention: 7,
} as const;

export const MODERATION_MODES = ["none", "first", "all"] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];
