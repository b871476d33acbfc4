/**
 * What the widget keeps in the reader's browser — never a cookie. localStorage: the voter
 * id, own votes, edit tokens and the remembered identity. sessionStorage: drafts. Both may
 * be blocked (private modes, sandboxed frames): every access is guarded.
 */
import type { Comment, VoteValue } from "@causette/types";

/** An own comment: its edit token, when it was posted (ms), its Markdown, and the comment while held. */
export interface Own {
  token: string;
  at: number;
  body: string;
  held?: Comment;
}

export interface Kept {
  voter?: string;
  votes?: Record<string, VoteValue>;
  own?: Record<string, Own>;
  me?: { name: string; email: string; website: string };
}

const KEY = "causette";

function area(kind: "localStorage" | "sessionStorage"): Storage | null {
  try {
    return window[kind];
  } catch {
    return null;
  }
}

export function readJson<T>(kind: "localStorage" | "sessionStorage", key: string): T | null {
  try {
    return JSON.parse(area(kind)?.getItem(key) ?? "null") as T | null;
  } catch {
    return null;
  }
}

export function writeJson(kind: "localStorage" | "sessionStorage", key: string, value: unknown): void {
  try {
    if (value == null) area(kind)?.removeItem(key);
    else area(kind)?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or blocked storage: the widget still works, it only forgets.
  }
}

/** Reads the kept state, dropping own comments older than a week (long after any edit window). */
export function loadKept(): Kept {
  const kept = readJson<Kept>("localStorage", KEY) ?? {};
  const old = Date.now() - 7 * 86_400_000;
  for (const [id, own] of Object.entries(kept.own ?? {})) if (own.at < old) delete kept.own![id];
  return kept;
}

export const saveKept = (kept: Kept) => writeJson("localStorage", KEY, kept);

/**
 * A random voter id (128 random bits), made once per browser. `getRandomValues`, not
 * `randomUUID`: the latter exists only on HTTPS pages, and blogs are not all on HTTPS.
 */
export function voterId(kept: Kept): string {
  if (!kept.voter) {
    kept.voter = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
      (b + 256).toString(16).slice(1),
    ).join("");
    saveKept(kept);
  }
  return kept.voter;
}
