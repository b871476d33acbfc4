/**
 * A JSON export's records checked with the API's own rules (`@causette/types` rules.ts and
 * comments/schemas.ts): a hand-edited or hostile file gets no more than a reader would. A
 * record that breaks a rule the API refuses for is refused (the report lists it, with why);
 * a value the API would drop (a website or a page URL that is not a web address) is dropped.
 */
import { codePointLength, fieldProblem, LIMITS, SHARE_NETWORKS, websiteUrl } from "@causette/types";
import { checkAnchor } from "../comments/anchor.js";
import { PAGE_ID_PATTERN } from "../comments/schemas.js";
import type { ExportComment, ExportPage, ExportShare } from "../export/json.js";

/** Why a record is refused, in words for the report, or null when it passes. */
export type Refusal = string | null;

const pageIdProblem = (path: string): Refusal =>
  PAGE_ID_PATTERN.test(path) && codePointLength(path) <= LIMITS.pageIdMax
    ? null
    : `page id ${JSON.stringify(path.slice(0, 80))} is not a path`;

/** A page as the API would keep it: its URL only when it is a web address, its title cut. */
export function checkPage(p: ExportPage): { page: ExportPage; refused: Refusal } {
  const url = p.url === null ? null : (websiteUrl(p.url) ?? null);
  const title = p.title === null ? null : [...p.title].slice(0, LIMITS.pageTitleMax).join("");
  return { page: { ...p, url, title }, refused: pageIdProblem(p.path) };
}

/** A comment, refused for what the API refuses (a name, body or page id out of its rules). */
export function checkComment(c: ExportComment): { comment: ExportComment; refused: Refusal } {
  const passage = checkAnchor(c.anchor);
  const refused =
    pageIdProblem(c.page) ??
    passage.problem ??
    (passage.anchor && c.parentId !== null
      ? "a reply carries an anchor (replies belong to their parent's passage)"
      : null) ??
    (c.status === "deleted" ? null : problem("author.name", c.authorName)) ??
    (c.status === "deleted" ? null : problem("body", c.body));
  const email = c.authorEmail !== null && fieldProblem("author.email", c.authorEmail) ? null : c.authorEmail;
  const website = c.authorWebsite === null ? null : (websiteUrl(c.authorWebsite) ?? null);
  const comment = { ...c, authorEmail: email, authorWebsite: website };
  if (passage.anchor) comment.anchor = passage.anchor;
  return { comment, refused };
}

function problem(field: "author.name" | "body", value: string): Refusal {
  const found = fieldProblem(field, value);
  return found ? `${field} ${found === "required" ? "is empty" : "is over its limit"}` : null;
}

/** A share count: a network the widget has, and a count a number can hold exactly. */
export function checkShare(s: ExportShare): Refusal {
  if (!(SHARE_NETWORKS as readonly string[]).includes(s.network))
    return `unknown share network ${JSON.stringify(s.network.slice(0, 40))}`;
  if (!Number.isSafeInteger(s.count)) return `share count ${s.count} is not a whole number below 2^53`;
  return pageIdProblem(s.page);
}
