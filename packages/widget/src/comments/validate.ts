import { FIELD_LIMITS, fieldProblem, type ReaderField } from "@causette/types";
import type { StringKey } from "../i18n/index.js";
import type { Draft } from "../stores/thread.js";

export type Field = "body" | "name" | "email" | "website";
/** The form's fields, in the order errors take the focus. */
export const FIELDS: Field[] = ["body", "name", "email", "website"];
/** A field's error: the string key and its `{n}`. */
export type FieldErrors = Partial<Record<Field, [StringKey, number?]>>;

/** A form field's name in the API (the server's `field` in an error). */
const apiField = (field: Field) => (field === "body" ? field : `author.${field}`) as ReaderField;

const MESSAGE = { required: "eRequired", too_long: "eLong", invalid: "eEmail" } as const;

/**
 * What the server would say of this field's value: the contract's own rule
 * (`fieldProblem` of @causette/types, which the server's schema calls too).
 */
export function fieldError(field: Field, value?: string): [StringKey, number] | undefined {
  const api = apiField(field);
  const problem = fieldProblem(api, value);
  return problem ? [MESSAGE[problem], FIELD_LIMITS[api]] : undefined;
}

/**
 * Checks a draft before it is sent, so the reader learns what is wrong next to the field,
 * at once. `full` also checks the author fields.
 */
export function validate(d: Draft, full: boolean): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of FIELDS) {
    const error = (full || field === "body") && fieldError(field, d[field]);
    if (error) errors[field] = error;
  }
  return errors;
}
