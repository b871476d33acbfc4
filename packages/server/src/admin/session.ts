/**
 * Admin sessions: a random token in an HttpOnly, SameSite=Strict cookie; only its SHA-256
 * is stored, in the database, so logging out ends it on every server sharing that database.
 */
import { randomBytes } from "node:crypto";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { hashToken } from "../security/crypto.js";
import type { AdminStore } from "../store/admin-store.js";

export const SESSION_COOKIE = "causette_admin";
export const SESSION_SECONDS = 7 * 24 * 60 * 60;

/** True when the request reached us over HTTPS, directly or through a proxy that says so. */
export function isHttps(c: Context): boolean {
  const forwarded = c.req.header("X-Forwarded-Proto")?.split(",")[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === "https";
  return new URL(c.req.url).protocol === "https:";
}

export async function startSession(c: Context, store: AdminStore, now = Date.now()): Promise<void> {
  const token = randomBytes(32).toString("base64url");
  await store.createSession(
    hashToken(token),
    new Date(now).toISOString(),
    new Date(now + SESSION_SECONDS * 1000).toISOString(),
  );
  setCookie(c, SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "Strict",
    secure: isHttps(c),
    maxAge: SESSION_SECONDS,
  });
}

/** The stored hash of the request's session token, when the cookie holds a well-formed one. */
function presentedHash(c: Context): string | null {
  const token = getCookie(c, SESSION_COOKIE);
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? hashToken(token) : null;
}

export async function hasSession(c: Context, store: AdminStore, now = Date.now()): Promise<boolean> {
  const hash = presentedHash(c);
  return hash !== null && (await store.hasSession(hash, new Date(now).toISOString()));
}

export async function endSession(c: Context, store: AdminStore): Promise<void> {
  const hash = presentedHash(c);
  if (hash) await store.deleteSession(hash);
  deleteCookie(c, SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "Strict", secure: isHttps(c) });
}
