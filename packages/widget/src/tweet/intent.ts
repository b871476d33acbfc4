/**
 * The X "web intent" URL (https://x.com/intent/tweet), built without counting: the loader
 * uses it until the exact counter has loaded, and composeTweet once it has shortened the text.
 */

/** What a post is made of. `hashtags` and `related` without "#" or "@". */
export interface TweetParts {
  text: string;
  url?: string;
  via?: string;
  hashtags?: string[] | string;
  related?: string[] | string;
}

/** `"#a, b"` or `["a", "@b"]` → `["a", "b"]`: no sigil, no empty entry. */
export function handles(list?: string[] | string | null): string[] {
  return (typeof list === "string" ? list.split(",") : (list ?? []))
    .map((h) => h.trim().replace(/^[#@]/, ""))
    .filter(Boolean);
}

/** `https://x.com/intent/tweet?text=…&url=…&via=…&hashtags=…&related=…`, each part encoded. */
export function intentUrl(parts: TweetParts): string {
  let q = `text=${encodeURIComponent(parts.text)}`;
  for (const [k, v] of [
    ["url", parts.url],
    ["via", handles(parts.via)[0]],
    ["hashtags", handles(parts.hashtags).join()],
    ["related", handles(parts.related).join()],
  ]) {
    if (v) q += `&${k}=${encodeURIComponent(v)}`;
  }
  return `https://x.com/intent/tweet?${q}`;
}
