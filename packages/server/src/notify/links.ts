/**
 * @module notify/links
 * The signed links of e-mails. An address's links (confirm, manage, unsubscribe) carry its id
 * and a keyed hash of it: they never expire, and they open only that address's page. The
 * owner's alert links (manage, unsubscribe) carry a keyed hash of the owner's address. An
 * owner's moderation link signs the comment, the action and an expiry time.
 */
import { timingSafeEqual } from "node:crypto";
import { keyedHash } from "../security/crypto.js";

export type ModerationAction = "approve" | "spam" | "delete";
export const MODERATION_ACTIONS: readonly ModerationAction[] = ["approve", "spam", "delete"];

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function addressToken(secret: string, addressId: string): string {
  return keyedHash(secret, "mail-address", addressId).slice(0, 32);
}

export function addressTokenOk(secret: string, addressId: string, token: string): boolean {
  return same(addressToken(secret, addressId), token);
}

/** The owner's alert links: signed with the owner's address, so a new address voids them. */
export function ownerToken(secret: string, ownerEmail: string): string {
  return keyedHash(secret, "mail-owner", ownerEmail.toLowerCase()).slice(0, 32);
}

export function ownerTokenOk(secret: string, ownerEmail: string, token: string): boolean {
  return same(ownerToken(secret, ownerEmail), token);
}

export function moderationToken(secret: string, commentId: string, action: string, expires: number): string {
  return keyedHash(secret, "mail-moderate", commentId, action, String(expires)).slice(0, 32);
}

export function moderationTokenOk(
  secret: string,
  commentId: string,
  action: string,
  expires: number,
  token: string,
  now: number,
): boolean {
  return (
    Number.isFinite(expires) &&
    expires > now &&
    same(moderationToken(secret, commentId, action, expires), token)
  );
}

/** The server's mail URLs on `base` (CAUSETTE_PUBLIC_URL). */
export class MailUrls {
  constructor(
    readonly base: string,
    private readonly secret: string,
  ) {}

  #url(path: string, params: Record<string, string>): string {
    const url = new URL(path, this.base);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url.toString();
  }

  confirm(addressId: string): string {
    return this.#url("/mail/confirm", { a: addressId, t: addressToken(this.secret, addressId) });
  }

  manage(addressId: string): string {
    return this.#url("/mail/manage", { a: addressId, t: addressToken(this.secret, addressId) });
  }

  /** The `List-Unsubscribe` URL: a POST there (RFC 8058 one-click) unsubscribes at once. */
  unsubscribe(addressId: string): string {
    return this.#url("/mail/unsubscribe", { a: addressId, t: addressToken(this.secret, addressId) });
  }

  /** The page where the owner turns their alerts off and back on. */
  ownerManage(ownerEmail: string): string {
    return this.#url("/mail/owner", { t: ownerToken(this.secret, ownerEmail) });
  }

  /** The owner's `List-Unsubscribe` URL: a POST there turns the owner's alerts off. */
  ownerUnsubscribe(ownerEmail: string): string {
    return this.#url("/mail/owner/unsubscribe", { t: ownerToken(this.secret, ownerEmail) });
  }

  moderate(commentId: string, action: ModerationAction, expires: number): string {
    return this.#url("/mail/moderate", {
      c: commentId,
      do: action,
      e: String(expires),
      t: moderationToken(this.secret, commentId, action, expires),
    });
  }
}
