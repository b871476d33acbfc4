/**
 * @module comments/schemas
 * One schema per request body of the comment routes, written with valibot and built from the
 * rules of `@causette/types` (`fieldProblem`, `LIMITS`), which the widget's form checks call
 * too: a field the widget accepts, the server accepts, and the other way round
 * (schemas.test.ts feeds one corpus to both). `parse` turns the first issue into
 * 400 `invalid_field` naming the field.
 *
 * valibot rather than zod: its functions are imported one by one, so a schema costs only
 * the checks it uses, it implements Standard Schema (hono's validators take it), and its
 * `rawTransform` lets a field run the contract's own rule function.
 */
import {
  codePointLength,
  DEFAULTS,
  FIELD_LIMITS,
  type FieldProblem,
  fieldProblem,
  fieldText,
  LIMITS,
  mailableEmail,
  NOTIFY_CHOICES,
  type NotifyChoice,
  type PassageAnchor,
  type ReaderField,
  websiteUrl,
} from "@causette/types";
import * as v from "valibot";
import { fail } from "../errors.js";
import { checkAnchor } from "./anchor.js";
import { cleanText } from "./text.js";

export { cleanText };

const SENTENCES: Record<FieldProblem, (field: string) => string> = {
  required: (field) => `${field} is required.`,
  too_long: (field) => `${field} is longer than ${FIELD_LIMITS[field as ReaderField]} characters.`,
  invalid: (field) => `${field} is not an e-mail address.`,
};

/**
 * A reader field checked by the contract's rule; the output is the text as stored (`null`
 * for an optional field left empty; a website in the URL parser's form).
 */
function readerField(field: ReaderField) {
  return v.pipe(
    // The default makes valibot run the rule on a missing field too ("body is required.").
    v.optional(v.nullable(v.string(`${field} must be a string.`)), ""),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const raw = cleanText(dataset.value ?? "");
      const problem = fieldProblem(field, raw);
      if (problem) {
        addIssue({ message: SENTENCES[problem](field) });
        return NEVER;
      }
      const text = fieldText(field, raw);
      if (!text) return null;
      return field === "author.website" ? (websiteUrl(text) ?? null) : text;
    }),
  );
}

const requiredText = (field: ReaderField) =>
  v.pipe(
    readerField(field),
    v.transform((text) => text as string),
  );

/** A site name: letters, digits, `.`, `_` and `-`, as a config value or a folder name would be. */
export const SITE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `site`, optional everywhere: `"default"` when absent or empty. */
export const site = v.pipe(
  v.optional(v.nullable(v.string("site must be a string.")), ""),
  v.transform((s) => (s ?? "").trim() || DEFAULTS.site),
  v.check((s) => s.length <= LIMITS.siteMax, `site is longer than ${LIMITS.siteMax} characters.`),
  v.check(SITE_PATTERN.test.bind(SITE_PATTERN), "site may hold only letters, digits, '.', '_' and '-'."),
);

/**
 * A page id: a path as the widget derives it, `/` first, no white space or control
 * character, no `//host` (a full URL is not a page id).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
export const PAGE_ID_PATTERN = /^\/(?!\/)[^\s\u0000-\u001f\u007f]*$/;

export const pageId = (field = "page") =>
  v.pipe(
    v.optional(v.string(`${field} must be a string.`), ""),
    v.transform((p) => cleanText(p).trim()),
    v.check((p) => p.length > 0, `${field} is required.`),
    v.check(
      (p) => codePointLength(p) <= LIMITS.pageIdMax,
      `${field} is longer than ${LIMITS.pageIdMax} characters.`,
    ),
    v.check(
      PAGE_ID_PATTERN.test.bind(PAGE_ID_PATTERN),
      `${field} must be a path starting with /, not a URL.`,
    ),
  );

/** An id from a URL or a body: opaque, URL-safe, short. */
export const commentId = (field: string) =>
  v.pipe(
    v.string(`${field} is not a comment id.`),
    v.regex(/^[A-Za-z0-9_-]{1,64}$/, `${field} is not a comment id.`),
  );

/** Text the widget sends on the reader's behalf (page title, page URL): truncated, never refused. */
const truncated = (max: number) =>
  v.pipe(
    v.optional(v.unknown()),
    v.transform((value) => {
      if (typeof value !== "string") return null;
      const text = cleanText(value).replace(/\s+/g, " ").trim();
      return text ? [...text].slice(0, max).join("") : null;
    }),
  );

/** `POST /api/comments` once parsed: every text cleaned, trimmed and checked. */
export interface CreateCommentInput {
  site: string;
  page: string;
  pageUrl: string | null;
  pageTitle: string | null;
  parentId: string | null;
  author: { name: string; email: string | null; website: string | null };
  body: string;
  /** The passage a root comment is about (comments/anchor.ts), or null. */
  anchor?: PassageAnchor | null;
  hp?: unknown;
  formToken?: unknown;
  /** E-mail notifications asked for (notify/notify.ts); null when none. */
  notify?: NotifyChoice | null;
  /** The page's language (a BCP 47 tag, lowercased), or null when absent or not a tag. */
  lang?: string | null;
}

/** `lang`: a BCP 47 tag, lowercased; anything else is null (reported by the widget: never refused). */
const lang = v.pipe(
  v.optional(v.unknown()),
  v.transform((value) =>
    typeof value === "string" && value.length <= 35 && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(value)
      ? value.toLowerCase()
      : null,
  ),
);

/**
 * A schema whose output type is spelt out: fields whose absence the rule itself reports
 * ("body is required.") are optional to valibot, though never absent from the output.
 */
const typed = <T>(schema: v.GenericSchema) => schema as v.GenericSchema<unknown, T>;

/** `anchor`: checked by the rule the JSON import uses too; null when absent. */
const anchor = v.pipe(
  v.optional(v.unknown(), null),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const verdict = checkAnchor(dataset.value);
    if (verdict.problem === null) return verdict.anchor;
    addIssue({ message: verdict.problem });
    return NEVER;
  }),
);

export const CreateComment = typed<CreateCommentInput>(
  v.pipe(
    v.object({
      site,
      page: pageId(),
      pageUrl: truncated(LIMITS.pageUrlMax),
      pageTitle: truncated(LIMITS.pageTitleMax),
      parentId: v.optional(v.nullable(commentId("parentId")), null),
      author: v.pipe(
        v.optional(v.unknown(), {}),
        v.check(
          (author) => typeof author === "object" && author !== null && !Array.isArray(author),
          "author must be an object with a name.",
        ),
        v.object({
          name: requiredText("author.name"),
          email: readerField("author.email"),
          website: readerField("author.website"),
        }),
      ),
      body: requiredText("body"),
      anchor,
      /** The honeypot: any non-blank value is a bot's. */
      hp: v.optional(v.unknown()),
      formToken: v.optional(v.unknown()),
      notify: v.optional(v.nullable(v.picklist(NOTIFY_CHOICES, "notify must be replies or all.")), null),
      lang,
    }),
    // A reply belongs to its parent's passage: it may not name one of its own.
    v.forward(
      v.check(
        (input) => !(input.parentId && input.anchor),
        "anchor is for a root comment: a reply belongs to its parent's passage.",
      ),
      ["anchor"],
    ),
    // E-mails go to the author's address: there must be one, and one a mail can go to.
    v.forward(
      v.check((input) => !input.notify || Boolean(input.author.email), "notify needs author.email."),
      ["notify"],
    ),
    v.forward(
      v.check(
        (input) => !input.notify || !input.author.email || mailableEmail(input.author.email.trim()),
        "author.email is not an address e-mails can be sent to.",
      ),
      ["author", "email"],
    ),
  ),
);

export const EditComment = typed<{ body: string }>(v.object({ body: requiredText("body") }));

export const Vote = v.object({
  value: v.picklist([1, 0, -1], "value must be 1, 0 or -1."),
});

export const AdminReply = typed<{ body: string; name: string }>(
  v.object({
    body: requiredText("body"),
    name: v.pipe(
      v.optional(v.nullable(v.string("name must be a string."))),
      v.transform((name) => fieldText("author.name", cleanText(name ?? ""))),
      v.check(
        (name) => codePointLength(name) <= LIMITS.nameMax,
        `name is longer than ${LIMITS.nameMax} characters.`,
      ),
      v.transform((name) => name || "Moderator"),
    ),
  }),
);

/**
 * The schema's output, or 400 `invalid_field` naming the first field at fault (`name` for a
 * schema of one value, such as a query parameter).
 *
 * @example const input = parse(CreateComment, await readJson(c));
 */
export function parse<S extends v.GenericSchema>(schema: S, input: unknown, name?: string): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  const field = v.getDotPath(issue) ?? name;
  const message =
    issue.kind === "schema" && issue.expected === "Object" && !field
      ? "The body must be a JSON object."
      : issue.message;
  throw fail("invalid_field", message, field);
}
