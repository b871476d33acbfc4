/**
 * Which page title and URL a new comment may give its page. The widget reports them on the
 * reader's behalf; a comment posted from elsewhere (a script, a phishing page) must not
 * rename a post or point its link anywhere: the URL's origin must be the posting page's own
 * origin (allowed by CORS) or one of `CAUSETTE_ORIGINS`. Otherwise both are ignored — the
 * comment itself is still accepted.
 */
import { websiteUrl } from "@causette/types";
import { originAllowed } from "../origins.js";

/**
 * @example pageMeta({ pageUrl: "https://phish.example/login", pageTitle: "x" }, "https://blog.example", null) // null
 */
export function pageMeta(
  input: { pageUrl: string | null; pageTitle: string | null },
  origin: string | null,
  allowedOrigins: readonly string[] | null,
): { title: string | null; url: string | null } | null {
  const url = input.pageUrl ? websiteUrl(input.pageUrl) : undefined;
  if (!url) return null;
  const urlOrigin = new URL(url).origin;
  const fromItsOwnPage = origin !== null && origin.toLowerCase() === urlOrigin;
  if (!fromItsOwnPage && !originAllowed(urlOrigin, allowedOrigins ?? [])) return null;
  return { title: input.pageTitle, url };
}
