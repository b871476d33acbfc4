/**
 * The admin password, kept in memory only as a scrypt hash (RFC 7914) computed at start;
 * a login attempt is hashed the same way and compared in constant time. The sessions' key
 * is derived from that hash, so changing the password ends every session.
 */
import { createHmac, randomBytes, scrypt, timingSafeEqual } from "node:crypto";

// N = 2^15 costs ~50 ms and 32 MiB per attempt: slow for a guesser, fine for a person.
const PARAMS = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, KEY_BYTES, PARAMS, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export interface PasswordHash {
  salt: Buffer;
  key: Buffer;
}

/**
 * @param salt every server of one database must pass the same (derived from its secret), so
 *   that they derive the same session key; random when omitted.
 * @example
 * const hash = await hashPassword(process.env.CAUSETTE_ADMIN_PASSWORD);
 * await verifyPassword(hash, "guess"); // false
 */
export async function hashPassword(password: string, salt: Buffer = randomBytes(16)): Promise<PasswordHash> {
  return { salt, key: await derive(password, salt) };
}

/**
 * The key that signs admin session tokens: a function of the password's scrypt hash, never
 * stored. A new password gives a new key, under which no stored session matches; and a
 * stolen database does not help guess the password faster than scrypt allows.
 */
export function sessionKey(hash: PasswordHash): Buffer {
  return createHmac("sha256", hash.key).update("causette admin sessions").digest();
}

export async function verifyPassword(hash: PasswordHash, candidate: unknown): Promise<boolean> {
  // Hash whatever came (even nothing) so a wrong type takes as long as a wrong password.
  const text = typeof candidate === "string" ? candidate.slice(0, 1024) : "";
  const key = await derive(text, hash.salt);
  return timingSafeEqual(key, hash.key) && typeof candidate === "string" && candidate.length <= 1024;
}
