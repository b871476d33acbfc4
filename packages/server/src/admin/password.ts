/**
 * The admin password, kept in memory only as a scrypt hash (RFC 7914) computed at start;
 * a login attempt is hashed the same way and compared in constant time.
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

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
 * @example
 * const hash = await hashPassword(process.env.CAUSETTE_ADMIN_PASSWORD);
 * await verifyPassword(hash, "guess"); // false
 */
export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  return { salt, key: await derive(password, salt) };
}

export async function verifyPassword(hash: PasswordHash, candidate: unknown): Promise<boolean> {
  // Hash whatever came (even nothing) so a wrong type takes as long as a wrong password.
  const text = typeof candidate === "string" ? candidate.slice(0, 1024) : "";
  const key = await derive(text, hash.salt);
  return timingSafeEqual(key, hash.key) && typeof candidate === "string" && candidate.length <= 1024;
}
