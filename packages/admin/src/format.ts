/** Small display helpers shared by the views. */

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** "28 Nov 2026, 14:05" in the moderator's locale. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

/** Reason codes recorded by the server, in words. Unknown codes are shown as they are. */
const REASONS: Record<string, string> = {
  honeypot: "Honeypot field filled (a bot)",
  blocked_word: "Contains a blocked word",
  blocked_email: "Banned e-mail address",
  blocked_ip: "Banned client (IP hash)",
  too_fast: "Sent too fast after the form appeared",
  missing_form_token: "Sent without the form's timestamp",
  bad_form_token: "The form's timestamp was forged or expired",
  too_many_links: "Too many links",
  first_comment: "First comment of this author",
  moderation_all: "Every comment is held",
  burst: "Many comments from one client in a short time",
  manual: "Marked by a moderator",
};

export function reasonText(code: string): string {
  return REASONS[code] ?? code.replaceAll("_", " ");
}

export const STATUS_LABEL: Record<string, string> = {
  pending: "Pending",
  approved: "Approved",
  spam: "Spam",
  deleted: "Deleted",
};
