/**
 * Field checks for queries and the admin's bodies. The rules of sites, page ids, ids and
 * e-mail addresses are the comments schemas' (comments/schemas.ts), called from here. Hostile text within the limits passes (it is
 * made harmless later); wrong types, empty required fields and sizes over the limits fail
 * with 400 `invalid_field` naming the field. Lengths are code points after trimming.
 */
import { codePointLength, DEFAULTS, LIMITS } from "@causette/types";
import * as s from "./comments/schemas.js";
import { cleanText } from "./comments/schemas.js";
import { fail } from "./errors.js";

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

// Every read names a site and a page: values the schema accepts as they are pass here
// without its machinery (4 µs of a 45 µs cached read); anything else gets the schema's
// verdict and message. Same patterns, same output.

/** Lone surrogates are mended by the schema's cleaning: such a value takes the long way. */
const SURROGATE = /[\uD800-\uDFFF]/;

export function site(value: unknown): string {
  if (value === undefined || value === null || value === "") return DEFAULTS.site;
  if (typeof value === "string" && value.length <= LIMITS.siteMax && s.SITE_PATTERN.test(value)) return value;
  return s.parse(s.site, value, "site");
}

export function pageId(value: unknown, field = "page"): string {
  if (
    typeof value === "string" &&
    value.length <= LIMITS.pageIdMax &&
    s.PAGE_ID_PATTERN.test(value) &&
    !SURROGATE.test(value)
  )
    return value;
  return s.parse(s.pageId(field), value, field);
}

/** An id from a URL or a body: opaque, URL-safe, short. */
export function id(value: unknown, field: string): string {
  return s.parse(s.commentId(field), value, field);
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
