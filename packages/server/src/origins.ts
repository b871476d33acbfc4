/**
 * @module origins
 * Which browser origins may write: one rule for the CORS middleware, the `GET /api/origin`
 * answer, and the page URLs a comment may give its page (comments/page-meta.ts).
 */

/** True when `origin` matches one of `allowed` (entries may end in `:*` for any port). */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  const o = origin.toLowerCase();
  for (const entry of allowed) {
    if (entry === "*" || entry === o) return true;
    if (entry.endsWith(":*")) {
      const base = entry.slice(0, -2);
      if (o === base || (o.startsWith(`${base}:`) && /^\d+$/.test(o.slice(base.length + 1)))) return true;
    }
  }
  return false;
}

/**
 * Whether pages on `origin` may write to this server: its own origin (`own`, as the browser
 * sees it), or one of `CAUSETTE_ORIGINS` (`configured`; null means http://localhost:* only).
 */
export function mayWrite(origin: string, configured: readonly string[] | null, own: string): boolean {
  return origin.toLowerCase() === own || originAllowed(origin, configured ?? ["http://localhost:*"]);
}
