import { codePointLength, LIMITS } from "@causette/types";
import type { StringKey } from "../i18n/index.js";
import type { Draft } from "../stores/thread.js";

export type Field = "body" | "name" | "email" | "website";
/** A field's error: the string key and its `{n}`. */
export type FieldErrors = Partial<Record<Field, [StringKey, number?]>>;

/**
 * Checks a draft against the limits of @causette/types before it is sent, so the reader
 * learns what is wrong next to the field, at once. `full` also checks the author fields.
 */
export function validate(d: Draft, full: boolean): FieldErrors {
  const errors: FieldErrors = {};
  const check = (field: Field, value = "", max: number, required?: boolean) => {
    const n = codePointLength(value.trim());
    if (required && !n) errors[field] = ["eRequired"];
    else if (n > max) errors[field] = ["eLong", max];
  };
  check("body", d.body, LIMITS.bodyMax, true);
  if (!full) return errors;
  check("name", d.name, LIMITS.nameMax, true);
  if (d.email && (!/^[^\s@]+@[^\s@]+$/.test(d.email) || d.email.length > LIMITS.emailMax))
    errors.email = ["eEmail"];
  if (d.website && (!/^https?:\/\/[^\s/]+\.\S*$/i.test(d.website) || d.website.length > LIMITS.websiteMax)) {
    errors.website = ["eUrl"];
  }
  return errors;
}
