/**
 * The X "web intent" URL (https://x.com/intent/tweet), built without counting: the loader
 * uses it until the exact counter has loaded, and composeTweet once it has shortened the text.
 */

/** What a post is made of. `hashtags` and `related` without "#" or "@". */
export interface TweetParts {
  text: string;
  url?: string;
  via?: string;
  hashtags?: string[];
  related?: string[];
}

/** Drops a leading "#" or "@" and empty entries. */
export function handles(list: string[] | string | undefined, sigil: string): string[] {
  const items = typeof list === "string" ? list.split(",") : (list ?? []);
  return items.map((h) => h.trim().replace(new RegExp(`^\\${sigil}`), "")).filter(Boolean);
}

/** `https://x.com/intent/tweet?text=…&url=…&via=…&hashtags=…&related=…`, each part encoded. */
export function intentUrl(parts: TweetParts): string {
  const q: string[] = [`text=${encodeURIComponent(parts.text)}`];
  if (parts.url) q.push(`url=${encodeURIComponent(parts.url)}`);
  const via = handles(parts.via, "@")[0];
  if (via) q.push(`via=${encodeURIComponent(via)}`);
  const tags = handles(parts.hashtags, "#");
  if (tags.length) q.push(`hashtags=${encodeURIComponent(tags.join(","))}`);
  const related = handles(parts.related, "@");
  if (related.length) q.push(`related=${encodeURIComponent(related.join(","))}`);
  return `https://x.com/intent/tweet?${q.join("&")}`;
}
