/**
 * Admin sessions: a random token in an HttpOnly, SameSite=Strict cookie. The database keeps
 * only an HMAC of the token under a key derived from the admin password (password.ts
 * `sessionKey`): logging out ends a session on every server sharing that database, and
 * changing `CAUSETTE_ADMIN_PASSWORD` ends them all.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AdminStore } from "../store/admin-store.js";

export const SESSION_COOKIE = "causette_admin";
export const SESSION_SECONDS = 7 * 24 * 60 * 60;

const storedHash = (key: Buffer, token: string): string =>
  createHmac("sha256", key).update(token).digest("hex");

/**
 * @param secure whether the browser reached the server over HTTPS (the server's own origin,
 *   proxy.ts `serverOrigin`): the cookie is then `Secure`.
 */
export async function startSession(
  c: Context,
  store: AdminStore,
  key: Buffer,
  secure: boolean,
  now = Date.now(),
): Promise<void> {
  const token = randomBytes(32).toString("base64url");
  await store.createSession(
    storedHash(key, token),
    new Date(now).toISOString(),
    new Date(now + SESSION_SECONDS * 1000).toISOString(),
  );
  setCookie(c, SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "Strict",
    secure,
    maxAge: SESSION_SECONDS,
  });
}

/** The stored hash of the request's session token, when the cookie holds a well-formed one. */
function presentedHash(c: Context, key: Buffer): string | null {
  const token = getCookie(c, SESSION_COOKIE);
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? storedHash(key, token) : null;
}

export async function hasSession(
  c: Context,
  store: AdminStore,
  key: Buffer,
  now = Date.now(),
): Promise<boolean> {
  const hash = presentedHash(c, key);
  return hash !== null && (await store.hasSession(hash, new Date(now).toISOString()));
}

export async function endSession(c: Context, store: AdminStore, key: Buffer, secure: boolean): Promise<void> {
  const hash = presentedHash(c, key);
  if (hash) await store.deleteSession(hash);
  deleteCookie(c, SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "Strict", secure });
}
