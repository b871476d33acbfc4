/**
 * Field checks for request bodies and queries. Hostile text within the limits passes (it is
 * made harmless later); wrong types, empty required fields and sizes over the limits fail
 * with 400 `invalid_field` naming the field. Lengths are code points after trimming.
 */
import { codePointLength, DEFAULTS, LIMITS } from "@causette/types";
import { fail } from "./errors.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Removes what no database should store: NUL (PostgreSQL refuses it in text) and unpaired
 * UTF-16 surrogates (not encodable as UTF-8).
 */
export function cleanText(value: string): string {
  return value.replaceAll("\u0000", "").replace(LONE_SURROGATE, "\uFFFD");
}

interface TextRule {
  field: string;
  min?: number;
  max: number;
  /** Keep line breaks (bodies); other fields collapse to one line. */
  multiline?: boolean;
}

/** A required (min ≥ 1) or optional string field: returns the cleaned, trimmed text or null. */
export function text(value: unknown, rule: TextRule): string | null {
  const { field, min = 0, max } = rule;
  if (value === undefined || value === null) {
    if (min > 0) throw fail("invalid_field", `${field} is required.`, field);
    return null;
  }
  if (typeof value !== "string") throw fail("invalid_field", `${field} must be a string.`, field);
  let cleaned = cleanText(value).trim();
  if (!rule.multiline) cleaned = cleaned.replace(/[\r\n\t\v\f\u2028\u2029]+/g, " ");
  const length = codePointLength(cleaned);
  if (length < min)
    throw fail(
      "invalid_field",
      min > 0 && length === 0 ? `${field} is empty.` : `${field} is too short.`,
      field,
    );
  if (length > max) throw fail("invalid_field", `${field} is longer than ${max} characters.`, field);
  return length ? cleaned : null;
}

export function site(value: unknown): string {
  return text(value, { field: "site", max: LIMITS.siteMax }) ?? DEFAULTS.site;
}

export function pageId(value: unknown, field = "page"): string {
  return text(value, { field, min: 1, max: LIMITS.pageIdMax })!;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function email(value: unknown): string | null {
  const e = text(value, { field: "author.email", max: LIMITS.emailMax });
  if (e && !EMAIL.test(e))
    throw fail("invalid_field", "author.email is not an e-mail address.", "author.email");
  return e;
}

/** An id from a URL or a body: opaque, URL-safe, short. */
export function id(value: unknown, field: string): string {
  if (typeof value !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(value))
    throw fail("invalid_field", `${field} is not a comment id.`, field);
  return value;
}

/** Truncates (never refuses) text the widget sends on the reader's behalf, like the page title. */
export function truncated(value: unknown, max: number): string | null {
  if (typeof value !== "string") return null;
  const cleaned = cleanText(value).replace(/\s+/g, " ").trim();
  return cleaned ? [...cleaned].slice(0, max).join("") : null;
}

export function integerParam(
  value: string | undefined,
  field: string,
  min: number,
  max: number,
  fallback: number,
) {
  if (value === undefined || value === "") return fallback;
  if (!/^\d+$/.test(value)) throw fail("invalid_field", `${field} must be a whole number.`, field);
  return Math.min(Math.max(Number(value), min), max);
}
