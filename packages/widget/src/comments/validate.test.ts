import { describe, expect, it } from "vitest";
import { FIELD_CORPUS } from "../../../types/test/field-corpus.js";
import type { Draft } from "../stores/thread.js";
import { validate } from "./validate.js";

const API_NAMES = {
  body: "body",
  name: "author.name",
  email: "author.email",
  website: "author.website",
} as const;
const PROBLEMS = { eRequired: "required", eLong: "too_long", eEmail: "invalid" } as const;

// The server's schema test posts the same corpus to the real API
// (packages/server/src/comments/schemas.test.ts): both must give the corpus's verdict.
describe("the form's checks on the shared field corpus", () => {
  it.each(FIELD_CORPUS)("$label", (c) => {
    const draft = { name: c.name, email: c.email, website: c.website, body: c.body ?? "" } as Draft;
    const errors = validate(draft, true);
    const first = (["body", "name", "email", "website"] as const).find((f) => errors[f]);
    const verdict = first
      ? { field: API_NAMES[first], problem: PROBLEMS[errors[first]![0] as keyof typeof PROBLEMS] }
      : null;
    expect(verdict).toEqual(c.expect);
  });
});
