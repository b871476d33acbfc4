/**
 * The keyboard shortcuts of the moderation page, as a pure function of a key event, so
 * they are documented in one table and tested without a browser.
 */

export type Command =
  | "next"
  | "previous"
  | "approve"
  | "spam"
  | "delete"
  | "restore"
  | "edit"
  | "reply"
  | "ban"
  | "select"
  | "search"
  | "help";

/** Key → command, in the order the help dialog lists them. */
export const SHORTCUTS: readonly { key: string; command: Command; label: string }[] = [
  { key: "j", command: "next", label: "Next comment" },
  { key: "k", command: "previous", label: "Previous comment" },
  { key: "a", command: "approve", label: "Approve" },
  { key: "s", command: "spam", label: "Mark as spam" },
  { key: "d", command: "delete", label: "Delete" },
  { key: "u", command: "restore", label: "Restore (undo spam or delete)" },
  { key: "e", command: "edit", label: "Edit" },
  { key: "r", command: "reply", label: "Reply as moderator" },
  { key: "b", command: "ban", label: "Ban the author" },
  { key: "x", command: "select", label: "Select for a bulk action" },
  { key: "/", command: "search", label: "Search" },
  { key: "?", command: "help", label: "Show these shortcuts" },
];

const BY_KEY = new Map(SHORTCUTS.map((s) => [s.key, s.command]));

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

/** True when the key goes into a text field, a select or an editable element. */
function typing(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string } | null;
  if (!el?.tagName) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName.toLowerCase();
  if (tag === "textarea" || tag === "select") return true;
  if (tag !== "input") return false;
  return !["checkbox", "radio", "button", "submit", "reset"].includes(el.type ?? "text");
}

/** The command a key press asks for, or null when it is not a shortcut here. */
export function commandFor(event: KeyLike): Command | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (typing(event.target)) return null;
  return BY_KEY.get(event.key) ?? null;
}
