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

/** The avatar seed given when it is one Causette makes, else made from the e-mail or name. */
function avatarSeed(
  secret: string,
  given: string | null | undefined,
  email: string | null,
  name: string,
): string {
  return given && AVATAR_SEED.test(given) ? given : avatarHash(secret, email, name);
}

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
    avatar: avatarSeed(secret, author.avatar, email, author.name),
  };
}

/**
 * Websites as stored, by what was written: an import repeats its authors' addresses, and
 * parsing a URL costs more than the rest of a row. Bounded; cleared when full.
 */
const websites = new Map<string, string | null>();

function importedWebsite(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let clean = websites.get(raw);
  if (clean === undefined) {
    if (websites.size >= 10_000) websites.clear();
    clean = cleanWebsite(raw);
    websites.set(raw, clean);
  }
  return clean;
}

/** An import row made ready for the store: id, author fields, HTML (one object, no copies). */
export function normaliseImported(secret: string, c: ImportComment): CommentInput {
  const email = normaliseEmail(c.authorEmail);
  return {
    id: c.id ?? newId(),
    site: c.site,
    page: c.page,
    parentId: c.parentId ?? null,
    parentSourceId: c.parentSourceId ?? null,
    authorName: c.authorName,
    authorEmail: email,
    authorWebsite: importedWebsite(c.authorWebsite),
    avatar: avatarSeed(secret, c.avatar, email, c.authorName),
    isModerator: c.isModerator ?? false,
    body: c.body,
    html: c.html ?? renderMarkdown(c.body),
    status: c.status ?? "approved",
    reasons: c.reasons ?? [],
    score: c.score ?? 0,
    editTokenHash: null,
    ipHash: null,
    createdAt: c.createdAt,
    editedAt: c.editedAt ?? null,
    source: c.source ?? null,
    sourceId: c.sourceId ?? null,
    anchor: c.anchor ?? null,
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
