/**
 * @module comments/domain
 * The only code that creates, edits, deletes, moderates or votes on a comment, for the
 * public API, the admin page and (through `normalise.ts`) the importers. It knows no HTTP:
 * routes parse a request with `schemas.ts`, call one method, and serialise what it returns.
 * Every rule about a comment's life is here; refusals are `CausetteError`s with the
 * contract's codes; each change's events are written in its transaction (the event log) and
 * go out on the bus once it committed.
 */
import type { BulkAction, ModerationMode, PageMove, PageMoveKind, VoteValue } from "@causette/types";
import { CausetteError, fail } from "../errors.js";
import { type ModerationFacts, moderate, type Verdict } from "../moderation/moderate.js";
import { DEFAULT_THRESHOLDS, type Thresholds } from "../moderation/rules.js";
import { renderMarkdown } from "../render/markdown.js";
import { hashToken, keyedHash, newEditToken, newId, tokenMatches } from "../security/crypto.js";
import { formTokenAge } from "../security/form-token.js";
import type { Journal } from "../store/journal.js";
import type { CommentRecord, Follow, StatusChange, Store, StoredStatus } from "../store/types.js";
import type { CommentEventDraft, EventBus } from "./events.js";
import { normaliseAuthor } from "./normalise.js";
import { pageMeta } from "./page-meta.js";
import type { CreateCommentInput } from "./schemas.js";

const HOUR_MS = 60 * 60_000;

/** What the domain needs to know of the server's settings. */
export interface DomainSettings {
  moderation: ModerationMode;
  /** Seconds during which an author may edit or delete. */
  editWindow: number;
  /** Public writes per minute per client; 0 turns every per-client limit off. */
  rateLimit: number;
  /** `CAUSETTE_ORIGINS`: the blogs whose pages may name a thread's page (null: localhost only). */
  origins: readonly string[] | null;
}

/** Who sends a new comment, as the HTTP layer knows them. */
export interface Sender {
  /** Keyed hash of the client's address (never the address). */
  ipHash: string | null;
  /** The `Origin` of the page that posts, already allowed by CORS; null without one. */
  origin: string | null;
}

const TARGET: Record<BulkAction, StoredStatus> = {
  approve: "approved",
  spam: "spam",
  delete: "deleted",
  restore: "approved",
};

/**
 * @example
 * const comments = new CommentsDomain(store, settings, () => store.secret(), bus);
 * const { comment, editToken } = await comments.create(parse(CreateComment, body), sender);
 */
export class CommentsDomain {
  constructor(
    readonly store: Store,
    readonly settings: DomainSettings,
    private readonly secret: () => Promise<string>,
    readonly bus: EventBus,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The journal of one store write: the events `describe` draws from its result are written
   * in the write's own transaction, and go out on the bus, with their ids, once it committed.
   */
  #journal<R>(describe: (result: R) => readonly (CommentEventDraft | null)[]): Journal<R, CommentEventDraft> {
    return {
      events: (result) => describe(result).filter((e): e is CommentEventDraft => e !== null),
      committed: (events) => {
        for (const event of events) this.bus.emit(event);
      },
    };
  }

  #at(): string {
    return new Date(this.now()).toISOString();
  }

  /** The spam rules' facts beyond the submission: the block list, this client's last hour. */
  async #facts(ipHash: string | null): Promise<Partial<ModerationFacts>> {
    const since = new Date(this.now() - HOUR_MS).toISOString();
    const [bans, recent] = await Promise.all([
      this.store.admin.listBans(),
      // Every site's: the hourly cap and the burst signal count them all (a new `site` value is
      // not a new budget); the duplicate rule compares within a site.
      ipHash ? this.store.admin.recentByClient(ipHash, since) : Promise.resolve([]),
    ]);
    // CAUSETTE_RATE_LIMIT=0 turns rate limiting off (tests, trusted bulk use): the hourly cap
    // and the burst signal too.
    const thresholds: Partial<Thresholds> =
      this.settings.rateLimit === 0
        ? { hourlyMax: Number.POSITIVE_INFINITY, burstCount: Number.POSITIVE_INFINITY }
        : { hourlyMax: Math.max(DEFAULT_THRESHOLDS.hourlyMax, this.settings.rateLimit) };
    return { bans, recent, ipHash, now: this.now(), thresholds };
  }

  /** A verdict's refusal as the error the reader is answered with. */
  static refusal(verdict: Extract<Verdict, { status: "refused" }>): CausetteError {
    return verdict.code === "duplicate_comment"
      ? new CausetteError("duplicate_comment", "You already posted this comment here.")
      : new CausetteError("rate_limited", "Too many comments from you in the last hour; try again later.", {
          retryAfter: verdict.retryAfterSeconds,
        });
  }

  /** A reader's new comment: moderated, stored, announced. Returns the edit token once. */
  async create(
    input: CreateCommentInput,
    sender: Sender,
    /** The reader's `notify`, written in the comment's transaction (null: none, or no e-mail sent). */
    follow: Follow | null = null,
  ): Promise<{ comment: CommentRecord; editToken: string }> {
    const { site, author, body, parentId } = input;
    // A comment posted on a page's old id (moved, merged, aliased) joins the thread it shows.
    const page = await this.store.resolvePage(site, input.page);
    const secret = await this.secret();
    const normalised = normaliseAuthor(secret, author);
    // Any value at all in the hidden field is a bot's: people never see it.
    const honeypot = typeof input.hp === "string" ? input.hp !== "" : Boolean(input.hp);
    const email = normalised.authorEmail;
    const knownAuthor =
      this.settings.moderation === "first" && email
        ? await this.store.hasApprovedAuthor(site, email, normalised.authorName)
        : false;
    const verdict = moderate({
      mode: this.settings.moderation,
      knownAuthor,
      honeypot,
      body,
      authorName: normalised.authorName,
      authorEmail: email,
      authorWebsite: author.website,
      formAgeMs: formTokenAge(secret, input.formToken, this.now()),
      formTokenSent: typeof input.formToken === "string" && input.formToken !== "",
      isReply: parentId !== null,
      site,
      page,
      parentId,
      ...(await this.#facts(sender.ipHash)),
    });
    if (verdict.status === "refused") throw CommentsDomain.refusal(verdict);
    const editToken = newEditToken();
    const comment = await this.store.createComment(
      {
        id: newId(),
        site,
        page,
        parentId,
        ...normalised,
        isModerator: false,
        body,
        html: renderMarkdown(body),
        status: verdict.status,
        reasons: verdict.reasons,
        editTokenHash: hashToken(editToken),
        ipHash: sender.ipHash,
        createdAt: this.#at(),
        anchor: input.anchor ?? null,
      },
      {
        pageMeta: pageMeta(input, sender.origin, this.settings.origins),
        ...(follow ? { follow } : {}),
        journal: this.#journal((comment) => [
          {
            type: "comment.created",
            site,
            page,
            at: comment.createdAt,
            commentId: comment.id,
            parentId,
            status: comment.status,
            by: "reader",
          },
        ]),
      },
    );
    // A bot that filled the honeypot is answered as a person would be in this mode, so it
    // cannot tell that it was caught.
    if (honeypot)
      return {
        comment: { ...comment, status: this.settings.moderation === "none" ? "approved" : "pending" },
        editToken,
      };
    return { comment, editToken };
  }

  /** The comment an edit token opens, within the edit window. */
  async #owned(id: string, token: string): Promise<CommentRecord> {
    const record = await this.store.getComment(id);
    if (!record || record.status === "spam") throw fail("comment_not_found", "No such comment.");
    if (!tokenMatches(token, record.editTokenHash))
      throw fail("bad_token", "This edit token does not open this comment.");
    return record;
  }

  #withinWindow(record: CommentRecord): void {
    const age = this.now() - Date.parse(record.createdAt);
    if (age > this.settings.editWindow * 1000)
      throw fail("edit_window_closed", editWindowSentence(this.settings.editWindow));
  }

  /**
   * The author's edit, within the window. It goes through the same rules as a new comment
   * (bait and switch: an approved text edited into spam): an edit the rules would hold takes
   * the comment back to the moderation queue, hidden from readers until a moderator decides.
   */
  async edit(id: string, token: string, body: string): Promise<CommentRecord> {
    const record = await this.#owned(id, token);
    if (record.status === "deleted") throw fail("comment_deleted", "This comment was deleted.");
    this.#withinWindow(record);
    let status = record.status;
    let reasons = record.reasons;
    const verdict = moderate({
      mode: this.settings.moderation,
      // The author was trusted when the comment was published: "first" does not hold it again.
      knownAuthor: record.status === "approved",
      honeypot: false,
      body,
      authorName: record.authorName,
      authorEmail: record.authorEmail,
      authorWebsite: record.authorWebsite,
      formAgeMs: null,
      formTokenSent: false,
      edit: true,
      isReply: record.parentId !== null,
      ...(await this.#facts(null)),
    });
    if (verdict.status === "spam" || (verdict.status === "pending" && record.status === "approved")) {
      status = verdict.status;
      reasons = [...new Set([...record.reasons, ...verdict.reasons, "edited"])];
    }
    const at = this.#at();
    const updated = await this.store.updateComment(
      record.id,
      {
        body,
        html: renderMarkdown(body),
        editedAt: at,
        ...(status !== record.status ? { status, reasons } : {}),
      },
      this.#journal((updated) => {
        if (!updated) return [];
        const event = { site: updated.site, page: updated.page, at, commentId: updated.id };
        return [
          { ...event, type: "comment.edited", status: updated.status, by: "author" },
          updated.status === record.status
            ? null
            : { ...event, type: "comment.status_changed", from: record.status, to: updated.status },
        ];
      }),
    );
    if (!updated) throw fail("comment_not_found", "No such comment.");
    return updated;
  }

  /** The author's deletion, within the window: the text is gone for good, the place stays. */
  async remove(id: string, token: string): Promise<CommentRecord> {
    const record = await this.#owned(id, token);
    if (record.status === "deleted") return record;
    this.#withinWindow(record);
    const updated = await this.store.updateComment(
      record.id,
      { status: "deleted", body: "", html: "", reasons: [...record.reasons, "deleted_by_author"] },
      this.#journal((updated) => [
        updated && {
          type: "comment.deleted",
          site: updated.site,
          page: updated.page,
          at: this.#at(),
          commentId: updated.id,
          by: "author",
        },
      ]),
    );
    if (!updated) throw fail("comment_not_found", "No such comment.");
    return updated;
  }

  /**
   * A reader's vote (1, 0 to take it back, -1); `voter` is the widget's random voter id.
   * `charge` runs once the comment is known to take votes, before the vote counts (the HTTP
   * layer's per-page limit).
   */
  async vote(
    id: string,
    voter: string,
    value: VoteValue,
    charge?: (comment: CommentRecord) => Promise<void>,
  ): Promise<{ score: number; myVote: VoteValue; comment: CommentRecord }> {
    const comment = await this.store.getComment(id);
    if (!comment || comment.status === "pending" || comment.status === "spam")
      throw fail("comment_not_found", "No such comment.");
    if (comment.status === "deleted") throw fail("comment_deleted", "This comment was deleted.");
    await charge?.(comment);
    // Only a keyed hash of the voter id is stored.
    const result = await this.store.vote(
      id,
      keyedHash(await this.secret(), "voter", voter),
      value,
      this.#journal((result) => [
        result.score === comment.score
          ? null
          : {
              type: "vote.changed",
              site: comment.site,
              page: comment.page,
              at: this.#at(),
              commentId: id,
              score: result.score,
            },
      ]),
    );
    return { ...result, comment };
  }

  /**
   * A moderator's action on comments. Restoring or approving a comment whose author deleted
   * it is refused (its text is gone), or skipped with `skipErased` (bulk actions).
   */
  async moderate(
    ids: readonly string[],
    action: BulkAction,
    reason?: string,
    options: { skipErased?: boolean } = {},
  ): Promise<CommentRecord[]> {
    const found = (await Promise.all(ids.map((id) => this.store.getComment(id)))).filter(
      (r): r is CommentRecord => r !== null,
    );
    if (!options.skipErased && ids.length && !found.length)
      throw fail("comment_not_found", "No such comment.");
    const revivesErased = (r: CommentRecord) =>
      (action === "restore" || action === "approve") && r.status === "deleted" && !r.body;
    if (!options.skipErased && found.some(revivesErased))
      throw fail("comment_deleted", "Its author deleted this comment; its text is gone for good.");
    const changes = await this.store.admin.setStatuses(
      found.filter((r) => !revivesErased(r)).map((r) => r.id),
      TARGET[action],
      reason ?? (action === "spam" ? "manual" : undefined),
      this.#journal((changes) => this.#statusEvents(changes)),
    );
    return changes.map((c) => c.comment);
  }

  #statusEvents(changes: readonly StatusChange[]): CommentEventDraft[] {
    const at = this.#at();
    return changes
      .filter(({ comment, from }) => from !== comment.status)
      .map(({ comment, from }) => {
        const base = { site: comment.site, page: comment.page, at, commentId: comment.id };
        return comment.status === "deleted"
          ? { ...base, type: "comment.deleted", by: "moderator" }
          : { ...base, type: "comment.status_changed", from, to: comment.status };
      });
  }

  /** A moderator's correction of a comment's text. */
  async moderatorEdit(id: string, body: string): Promise<CommentRecord> {
    const updated = await this.store.updateComment(
      id,
      { body, html: renderMarkdown(body), editedAt: this.#at() },
      this.#journal((updated) => [
        updated && {
          type: "comment.edited",
          site: updated.site,
          page: updated.page,
          at: this.#at(),
          commentId: id,
          status: updated.status,
          by: "moderator",
        },
      ]),
    );
    if (!updated) throw fail("comment_not_found", "No such comment.");
    return updated;
  }

  /**
   * A moderator's reply, published at once; answering a held comment publishes it too, in
   * the same transaction (a reply must not hang under a hidden comment).
   */
  async moderatorReply(parentId: string, body: string, name: string): Promise<CommentRecord> {
    const parent = await this.store.getComment(parentId);
    if (!parent || parent.status === "spam")
      throw fail("parent_not_found", "The comment you reply to does not exist.");
    const author = normaliseAuthor(await this.secret(), { name: `moderator:${name}` });
    const comment = await this.store.createComment(
      {
        id: newId(),
        site: parent.site,
        page: parent.page,
        parentId: parent.id,
        authorName: name,
        authorEmail: null,
        authorWebsite: null,
        avatar: author.avatar,
        isModerator: true,
        body,
        html: renderMarkdown(body),
        status: "approved",
        reasons: [],
        editTokenHash: null,
        ipHash: null,
        createdAt: this.#at(),
      },
      {
        approveParent: true,
        journal: this.#journal((comment) => [
          parent.status === "pending"
            ? {
                type: "comment.status_changed",
                site: parent.site,
                page: parent.page,
                at: comment.createdAt,
                commentId: parent.id,
                from: "pending",
                to: "approved",
              }
            : null,
          {
            type: "comment.created",
            site: comment.site,
            page: comment.page,
            at: comment.createdAt,
            commentId: comment.id,
            parentId: parent.id,
            status: "approved",
            by: "moderator",
          },
        ]),
      },
    );
    return comment;
  }

  /**
   * Moves, merges or aliases a page's thread onto another page id (store/page-moves.ts), or
   * undoes such an operation: both ids' threads change, and each is announced.
   */
  async movePage(
    operation: { kind: PageMoveKind; from: string; to: string } | { undo: number | null },
    site: string,
    by: "admin" | "cli",
  ): Promise<PageMove> {
    const journal = this.#journal<PageMove>((move) => {
      const at = this.#at();
      const [from, to] = "undo" in operation ? [move.to, move.from] : [move.from, move.to];
      return [
        { type: "page.moved", site, page: from, at, to },
        { type: "page.moved", site, page: to, at, to },
      ];
    });
    return "undo" in operation
      ? this.store.moves.undo(site, operation.undo, by, journal)
      : this.store.moves.apply(operation.kind, site, operation.from, operation.to, by, journal);
  }

  /** Opens or closes a page's thread to new comments. */
  async lockPage(site: string, page: string, locked: boolean) {
    return this.store.setPageLocked(
      site,
      page,
      locked,
      this.#journal(() => [{ type: "page.locked", site, page, at: this.#at(), locked }]),
    );
  }
}

/** "Comments can be changed for 15 minutes only." — in seconds below two minutes. */
export function editWindowSentence(seconds: number): string {
  const span = seconds < 120 ? `${seconds} seconds` : `${Math.round(seconds / 60)} minutes`;
  return `Comments can be changed for ${span} only.`;
}
