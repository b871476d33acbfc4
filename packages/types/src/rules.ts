/**
 * The rules of the fields a reader fills in, written once: the server's request schemas
 * (valibot, packages/server/src/comments/schemas.ts) and the widget's form checks both call
 * these functions, so the two always give the same verdict on the same field. Lengths are
 * in code points, after trimming.
 */
import { codePointLength, LIMITS } from "./limits.js";

/**
 * What is wrong with a field; the server answers `invalid_field` with a sentence for it.
 * Only sizes, required fields and an e-mail's form are refused: hostile text within the
 * limits is accepted and made harmless (a website that is not a web address is dropped).
 */
export type FieldProblem = "required" | "too_long" | "invalid";

/**
 * One `@`, something on each side, no white space. Deliberately loose (RFC 5322 allows far
 * more than any form check gets right): `a@localhost` and IDN domains pass.
 */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

/**
 * An address the server writes to (`notify`): stricter than EMAIL_PATTERN, which only
 * recognises an author — a dot in the domain, and nothing that could split a mail header or
 * add a recipient.
 */
const MAILABLE = /^[^\s@<>(),;:"\\[\]]{1,64}@[^\s@<>(),;:"\\[\]]{1,255}\.[^\s@<>(),;:"\\[\]]{1,63}$/;

export function mailableEmail(email: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  return MAILABLE.test(email) && !/[\u0000-\u001f\u007f]/.test(email);
}

/** The reader fields of `POST /api/comments`, by their name in the request. */
export const FIELD_LIMITS = {
  body: LIMITS.bodyMax,
  "author.name": LIMITS.nameMax,
  "author.email": LIMITS.emailMax,
  "author.website": LIMITS.websiteMax,
} as const;

export type ReaderField = keyof typeof FIELD_LIMITS;

/**
 * A website as stored: an absolute `http:` or `https:` URL with a host, normalised by the
 * URL parser (IDN hosts become punycode); an address typed without its scheme gets
 * `https://`. `undefined` when it is not a web address (`javascript:…`, text): such a value
 * is not refused, it is simply not kept.
 *
 * @example websiteUrl("http://localhost:8080") // "http://localhost:8080/"
 * @example websiteUrl("example.com") // "https://example.com/"
 */
export function websiteUrl(text: string): string | undefined {
  const schemed = /^([a-z][a-z\d+.-]*:\/\/|https?:)/i.test(text);
  try {
    const url = new URL(schemed ? text : `https://${text}`);
    // Without a scheme, "my blog" is not an address; "example.com" and "localhost:8080" are.
    const host = schemed || url.hostname === "localhost" || url.hostname.includes(".");
    if (/^https?:$/.test(url.protocol) && url.hostname && host && !url.username && !url.password)
      return url.href;
  } catch {}
}

/**
 * A field's text as it is checked and stored: without NUL (PostgreSQL refuses it), trimmed,
 * and, except for the body, on one line with each run of white space made one space.
 */
export function fieldText(field: ReaderField, value: string): string {
  const text = value.replace(/\0/g, "").trim();
  return field === "body" ? text : text.replace(/\s+/g, " ");
}

/**
 * The problem with one reader field's value (trimmed), or `null` when it is fine. `body`
 * and `author.name` are required; `author.email` and `author.website` are optional.
 *
 * @example fieldProblem("author.website", "example.com") // "invalid"
 */
export function fieldProblem(field: ReaderField, value: string | null | undefined): FieldProblem | null {
  const text = fieldText(field, value ?? "");
  const length = codePointLength(text);
  if (!length) return field === "body" || field === "author.name" ? "required" : null;
  if (length > FIELD_LIMITS[field]) return "too_long";
  if (field === "author.email" && !EMAIL_PATTERN.test(text)) return "invalid";
  return null;
}
