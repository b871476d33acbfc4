/** Random ids, edit tokens and keyed hashes. Nothing here stores a secret or a raw address. */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** An opaque, URL-safe id: 96 random bits, 16 characters. */
export function newId(): string {
  return randomBytes(12).toString("base64url");
}

/** An edit token: 256 random bits. Only its SHA-256 is stored. */
export function newEditToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Compares a presented token with a stored hash in constant time. */
export function tokenMatches(token: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(hashToken(token), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** HMAC-SHA256 with the server secret, hex. Used for IP and voter keys: never reversible offline. */
export function keyedHash(secret: string, ...parts: string[]): string {
  return createHmac("sha256", secret).update(parts.join("\u0000")).digest("hex");
}

/**
 * The avatar seed the widget draws a picture from: a keyed hash of the lowercased e-mail
 * when given, else of the name. Keyed, so nobody can test guessed addresses against it.
 *
 * @example avatarHash(secret, "Ana@Example.org", "Ana") === avatarHash(secret, "ana@example.org", "x")
 */
export function avatarHash(secret: string, email: string | null | undefined, name: string): string {
  const seed = email?.trim() ? `e:${email.trim().toLowerCase()}` : `n:${name.trim()}`;
  return keyedHash(secret, "avatar", seed).slice(0, 32);
}

export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}
