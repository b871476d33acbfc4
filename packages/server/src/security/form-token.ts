/**
 * The form token: a signed timestamp (whole seconds) handed out with every thread and
 * accepted back with a new comment, so moderation can tell how long a form was open.
 */
import { keyedHash } from "./crypto.js";

export function issueFormToken(secret: string, nowMs = Date.now()): string {
  const seconds = Math.floor(nowMs / 1000).toString(36);
  return `${seconds}.${keyedHash(secret, "form", seconds).slice(0, 22)}`;
}

/** Milliseconds since the token was issued, or null when it is missing or not ours. */
export function formTokenAge(secret: string, token: unknown, nowMs = Date.now()): number | null {
  if (typeof token !== "string" || token.length > 64) return null;
  const [seconds, sig] = token.split(".");
  if (!seconds || !sig || !/^[0-9a-z]{1,12}$/.test(seconds)) return null;
  if (keyedHash(secret, "form", seconds).slice(0, 22) !== sig) return null;
  const age = nowMs - Number.parseInt(seconds, 36) * 1000;
  return age >= 0 ? age : null;
}
