/**
 * @module notify/notify
 * Reply e-mails and owner alerts, on the outbox (outbox/outbox.ts):
 *
 * - `follow`: a reader's `notify` on a new comment, which the store writes in the comment's
 *   transaction: the address once per site (with the page's language), the comment's replies
 *   ("replies") or the page ("all") followed, and, for an address not confirmed yet, its one
 *   confirmation e-mail (double opt-in).
 * - `expand`: the expander. A comment published (created approved, or approved later) gives
 *   one message per confirmed follower of its parent and of its page — never its own author —
 *   grouped per address; a reader's new comment gives the owner an alert.
 * - `transport`: the "email" channel. At send time it re-reads everything (the address is
 *   still there and confirmed, each subscription still exists, each comment still published)
 *   and drops what is no longer wanted (an owner who turned alerts off included); it renders
 *   the e-mail then, in the subscriber's language (their page's, else CAUSETTE_MAIL_LANG).
 *
 * Outbox messages name an address by its id (`mail:ID`), never by the address itself.
 */

import type { NotifyChoice } from "@causette/types";
import type { Expander, SendOutcome, Transport } from "../outbox/outbox.js";
import type { EventDraft, Journaled } from "../store/journal.js";
import type { MessageDraft, OutboxMessage } from "../store/outbox-store.js";
import type { SubscriptionScope } from "../store/subscriptions-store.js";
import type { CommentRecord, Follow, Store } from "../store/types.js";
import { MailUrls } from "./links.js";
import { confirmMail, type MailComment, ownerMail, type Rendered, replyMail } from "./render.js";
import { type MailSettings, mailLang } from "./settings.js";

/** What the SMTP side does with a rendered e-mail (nodemailer in production, smtp.ts). */
export type SendMail = (mail: {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** The Message-ID header, `<…@…>`: the outbox message's own (messageIdOf). */
  messageId?: string;
}) => Promise<{ response: string }>;

/**
 * The Message-ID of an outbox message: the same on every attempt, from whichever server. The
 * outbox sends at least once (a server killed after the relay accepted a message and before
 * it recorded it sent leaves it to be sent again); the copy carries the same Message-ID, so
 * the relay or the reader's mail program can tell it is the same e-mail.
 */
export function messageIdOf(message: Pick<OutboxMessage, "id" | "key">, publicUrl: string): string {
  const key = message.key.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 120);
  return `<causette.${message.id}.${key}@${new URL(publicUrl).hostname}>`;
}

interface ReplyItem {
  commentId: string;
  why: "comment" | "page";
  /** The subscription that caused it (re-checked at send time). */
  target: string;
}

export class Notifier {
  readonly #urls: Promise<MailUrls>;

  constructor(
    private readonly store: Store,
    readonly settings: MailSettings,
    publicUrl: string,
    secret: () => Promise<string>,
    private readonly sendMail: SendMail,
    private readonly now: () => number = Date.now,
  ) {
    this.#urls = secret().then((s) => new MailUrls(publicUrl, s));
    // A failed secret read is retried on the next use.
    this.#urls.catch(() => {});
  }

  urls(): Promise<MailUrls> {
    return this.#urls;
  }

  /**
   * What the reader asked for on their new comment, for the store to write with it
   * (store/types.ts `Follow`): the subscription, and for an address not confirmed yet its one
   * confirmation e-mail (double opt-in).
   */
  follow(choice: NotifyChoice, lang: string | null): Follow {
    return {
      scope: choice === "all" ? "page" : "comment",
      lang,
      messages: (address) =>
        address.confirmedAt
          ? []
          : [
              {
                // One confirmation per address and site, ever: a second request is not asked again.
                key: `confirm:${address.id}`,
                channel: "email",
                kind: "confirm",
                site: address.site,
                recipient: `mail:${address.id}`,
                payload: { addressId: address.id },
              },
            ],
    };
  }

  readonly expand: Expander = async (event) => {
    const e = event as Journaled<EventDraft> & { status?: string; to?: string; from?: string; by?: string };
    const out: MessageDraft[] = [];
    const published =
      (e.type === "comment.created" && e.status === "approved") ||
      (e.type === "comment.status_changed" && e.to === "approved" && e.from !== "deleted");
    if (published && e.commentId) out.push(...(await this.#replies(e.id, e.commentId)));
    if (e.type === "comment.created" && e.by === "reader" && e.commentId) {
      const mode = this.settings.ownerNotify;
      if (
        ((mode === "all" && (e.status === "approved" || e.status === "pending")) ||
          (mode === "pending" && e.status === "pending")) &&
        // The owner's one-click unsubscribe turns the alerts off, whatever CAUSETTE_OWNER_NOTIFY says.
        !(await this.store.subscriptions.ownerAlertsOff(this.settings.ownerEmail!))
      )
        out.push({
          key: `${e.id}:owner:owner`,
          channel: "email",
          kind: "owner",
          site: e.site,
          recipient: "owner",
          payload: { commentId: e.commentId },
        });
    }
    return out;
  };

  async #replies(eventId: number, commentId: string): Promise<MessageDraft[]> {
    const comment = await this.store.getComment(commentId);
    if (comment?.status !== "approved") return [];
    const items = new Map<string, ReplyItem>();
    const author = comment.authorEmail?.toLowerCase() ?? null;
    const add = async (scope: SubscriptionScope, target: string, why: ReplyItem["why"]) => {
      for (const address of await this.store.subscriptions.followers(comment.site, scope, target)) {
        // Nobody is told of their own comment; one message per address per comment.
        if (address.email === author || items.has(address.id)) continue;
        items.set(address.id, { commentId: comment.id, why, target });
      }
    };
    if (comment.parentId) await add("comment", comment.parentId, "comment");
    await add("page", comment.page, "page");
    return [...items].map(([addressId, item]) => ({
      key: `${eventId}:mail:${addressId}:reply`,
      channel: "email",
      kind: "reply",
      site: comment.site,
      recipient: `mail:${addressId}`,
      payload: { addressId },
      group: { key: `reply:${addressId}`, windowMs: this.settings.groupMs, item },
    }));
  }

  readonly transport: Transport = {
    send: async (message: OutboxMessage): Promise<SendOutcome> => {
      if (message.kind === "owner") return this.#owner(message);
      const addressId = String(message.payload.addressId ?? "");
      const address = await this.store.subscriptions.getAddress(addressId);
      if (!address) return { status: "dropped", reason: "address forgotten" };
      const urls = await this.#urls;
      const links = { manage: urls.manage(address.id), unsubscribe: urls.unsubscribe(address.id) };
      // The subscriber's language: their page's, when the server speaks it.
      const lang = mailLang(address.lang, this.settings.lang);
      let rendered: Rendered;
      if (message.kind === "confirm") {
        if (address.confirmedAt) return { status: "dropped", reason: "already confirmed" };
        rendered = confirmMail(lang, address.site, urls.confirm(address.id), links);
      } else if (message.kind === "reply") {
        if (!address.confirmedAt) return { status: "dropped", reason: "not confirmed" };
        const comments = await this.#stillWanted(address.id, (message.payload.items ?? []) as ReplyItem[]);
        if (!comments.length) return { status: "dropped", reason: "unsubscribed or unpublished" };
        rendered = replyMail(lang, address.site, comments, links);
      } else {
        return { status: "dropped", reason: `unknown kind ${message.kind}` };
      }
      const sent = await this.sendMail({
        to: address.email,
        ...rendered,
        messageId: messageIdOf(message, urls.base),
        headers: {
          "List-Unsubscribe": `<${links.unsubscribe}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          "Auto-Submitted": "auto-generated",
        },
      });
      return { status: "sent", info: sent.response };
    },
  };

  /** The items whose subscription still exists and whose comment is still published. */
  async #stillWanted(addressId: string, items: readonly ReplyItem[]): Promise<MailComment[]> {
    const out: MailComment[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.commentId)) continue;
      const scope: SubscriptionScope = item.why === "comment" ? "comment" : "page";
      if (!(await this.store.subscriptions.has(addressId, scope, item.target))) continue;
      const comment = await this.store.getComment(item.commentId);
      if (comment?.status !== "approved") continue;
      seen.add(item.commentId);
      out.push(await this.#mailComment(comment, item.why));
    }
    return out;
  }

  async #mailComment(comment: CommentRecord, why: MailComment["why"]): Promise<MailComment> {
    const page = await this.store.getPage(comment.site, comment.page);
    return {
      id: comment.id,
      authorName: comment.authorName,
      html: comment.html,
      pageTitle: page?.title ?? null,
      pageUrl: page?.url ?? null,
      why,
    };
  }

  async #owner(message: OutboxMessage): Promise<SendOutcome> {
    const to = this.settings.ownerEmail;
    if (!to) return { status: "dropped", reason: "no owner address" };
    if (await this.store.subscriptions.ownerAlertsOff(to))
      return { status: "dropped", reason: "the owner turned alerts off" };
    const comment = await this.store.getComment(String(message.payload.commentId ?? ""));
    if (!comment) return { status: "dropped", reason: "comment gone" };
    const urls = await this.#urls;
    const unsubscribe = urls.ownerUnsubscribe(to);
    const expires = this.now() + this.settings.linkTtlMs;
    const rendered = ownerMail(
      this.settings.lang,
      { ...(await this.#mailComment(comment, "page")), status: comment.status, reasons: comment.reasons },
      {
        approve: urls.moderate(comment.id, "approve", expires),
        spam: urls.moderate(comment.id, "spam", expires),
        delete: urls.moderate(comment.id, "delete", expires),
        expires: `${new Date(expires).toISOString().slice(0, 16).replace("T", " ")} UTC`,
        owner: to,
        manage: urls.ownerManage(to),
        unsubscribe,
      },
    );
    const sent = await this.sendMail({
      to,
      ...rendered,
      messageId: messageIdOf(message, urls.base),
      headers: {
        "List-Unsubscribe": `<${unsubscribe}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
      },
    });
    return { status: "sent", info: sent.response };
  }
}
