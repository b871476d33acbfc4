/**
 * @module comments/normalise
 * One way to turn a comment as written (by a reader through the API, a moderator, or an
 * import file) into what the store keeps: the e-mail lowercased, the website in the URL
 * parser's form (or dropped when it is not http(s)), the avatar seed, and the HTML rendered
 * from the Markdown when the source did not bring sanitized HTML of its own.
 */
import { cleanWebsite, renderMarkdown } from "../render/markdown.js";
import { avatarHash, newId } from "../security/crypto.js";
import type { CommentInput, ImportBatch, ImportComment, ImportResult, Store } from "../store/types.js";

/** What `avatarHash` makes: anything else (a URL a browser would fetch, say) is made again. */
const AVATAR_SEED = /^[0-9a-f]{8,64}$/;

/** An address as stored and compared: trimmed, lowercased; null when empty. */
export function normaliseEmail(email: string | null | undefined): string | null {
  return email?.trim().toLowerCase() || null;
}

/**
 * The author fields as stored.
 *
 * @example normaliseAuthor(secret, { name: "Ana", email: " Ana@X.org ", website: "http://a.b" })
 */
export function normaliseAuthor(
  secret: string,
  author: { name: string; email?: string | null; website?: string | null; avatar?: string | null },
): Pick<CommentInput, "authorName" | "authorEmail" | "authorWebsite" | "avatar"> {
  const email = normaliseEmail(author.email);
  return {
    authorName: author.name,
    authorEmail: email,
    authorWebsite: cleanWebsite(author.website),
    avatar:
      author.avatar && AVATAR_SEED.test(author.avatar)
        ? author.avatar
        : avatarHash(secret, email, author.name),
  };
}

/** An import row made ready for the store: id, author fields, HTML. */
export function normaliseImported(secret: string, c: ImportComment): CommentInput {
  return {
    ...c,
    id: c.id ?? newId(),
    parentId: c.parentId ?? null,
    ...normaliseAuthor(secret, {
      name: c.authorName,
      email: c.authorEmail ?? null,
      website: c.authorWebsite ?? null,
      avatar: c.avatar ?? null,
    }),
    isModerator: c.isModerator ?? false,
    html: c.html ?? renderMarkdown(c.body),
    status: c.status ?? "approved",
    reasons: c.reasons ?? [],
    editTokenHash: null,
    ipHash: null,
  };
}

/** A whole import batch, normalised (pages, votes and shares pass as they are). */
export function normaliseBatch(secret: string, batch: ImportBatch<ImportComment>): ImportBatch<CommentInput> {
  const { comments, ...rest } = batch;
  return comments ? { ...rest, comments: comments.map((c) => normaliseImported(secret, c)) } : rest;
}

/**
 * Imports a batch through the store, normalised first: what every importer calls.
 *
 * @example await importBatch(store, { pages, comments });
 */
export async function importBatch(store: Store, batch: ImportBatch<ImportComment>): Promise<ImportResult> {
  return store.importBatch(normaliseBatch(await store.secret(), batch));
}
