/**
 * Where each network's share button goes: plain links to each network's own share page
 * ("intent"), built from the page's URL and a text. No script of theirs, no request to
 * them until the reader clicks.
 */
import { SHARE_NETWORKS, type ShareNetwork } from "@causette/types";
import { intentUrl, type TweetParts } from "../tweet/intent.js";

export type { ShareNetwork };

/** What is shared: the text (quote or title), the page URL, and X's extras. */
export interface ShareContent extends TweetParts {
  url: string;
  /** The page title, for the e-mail subject; defaults to the text. */
  title?: string;
  /** An image for Pinterest (the page's og:image when there is one). */
  image?: string;
}

/** Networks shown as links: every network but the system's share sheet, in the API's order. */
export const LINK_NETWORKS = SHARE_NETWORKS.filter((n) => n !== "native");

/** The networks' names, as they write them. */
export const NETWORK_NAMES: Record<ShareNetwork, string> = {
  x: "X",
  bluesky: "Bluesky",
  mastodon: "Mastodon",
  threads: "Threads",
  linkedin: "LinkedIn",
  facebook: "Facebook",
  pinterest: "Pinterest",
  whatsapp: "WhatsApp",
  email: "E-mail",
  native: "…",
};

const e = encodeURIComponent;
const both = (c: ShareContent) => (c.text ? `${c.text} ${c.url}` : c.url);

/** `s` in graphemes (user-perceived characters); code points where Intl.Segmenter is missing. */
const graphemes = (s: string): string[] =>
  Intl.Segmenter ? Array.from(new Intl.Segmenter().segment(s), (g) => g.segment) : [...s];

/**
 * Not tweet/shorten.ts's `shorten`: its word segmentation (Intl.Segmenter by word, with its
 * fallback) would put the share bar over its 5 KB budget (5,121 B measured), and a page
 * title rarely needs more than a cut at the last space.
 *
 * `text` shortened with "…" so that `text url` has at most `max` graphemes: cut between
 * words when a space is near enough, never inside a grapheme (an emoji sequence, a flag, a
 * letter and its accents).
 */
export function fitGraphemes(text: string, url: string, max: number): string {
  const g = graphemes(text);
  const u = graphemes(url).length;
  if (g.length + u + 1 <= max) return text;
  const room = max - u - 2; // the space before the URL, and "…"
  const cut = g.slice(0, Math.max(room, 0));
  // Back to the last space when the cut falls inside a word, unless that drops too much.
  const space = /\s/.test(g[cut.length] ?? " ") ? cut.length : cut.findLastIndex((s) => /\s/.test(s));
  return `${(space > room / 2 ? cut.slice(0, space) : cut).join("").trimEnd()}…`;
}

/**
 * The share link of `network` for `content`; `x` uses `tweet` (the exact, shortening
 * composer once loaded), Mastodon the reader's `instance` (a host name).
 *
 * @example
 * shareUrl("bluesky", { text: "Quote", url: "https://blog.example/post/" });
 * // "https://bsky.app/intent/compose?text=Quote%20https%3A%2F%2Fblog.example%2Fpost%2F"
 */
export function shareUrl(
  network: ShareNetwork,
  c: ShareContent,
  tweet: (parts: TweetParts) => string = intentUrl,
  instance = "mastodon.social",
): string {
  switch (network) {
    case "x":
      return tweet(c);
    case "bluesky": {
      // Bluesky allows 300 graphemes, the URL included.
      return `https://bsky.app/intent/compose?text=${e(both({ ...c, text: fitGraphemes(c.text, c.url, 300) }))}`;
    }
    case "mastodon":
      return `https://${instance}/share?text=${e(both(c))}`;
    case "threads":
      return `https://www.threads.net/intent/post?text=${e(both(c))}`;
    case "linkedin":
      return `https://www.linkedin.com/sharing/share-offsite/?url=${e(c.url)}`;
    case "facebook":
      return `https://www.facebook.com/sharer/sharer.php?u=${e(c.url)}`;
    case "pinterest":
      return `https://www.pinterest.com/pin/create/button/?url=${e(c.url)}&description=${e(c.text)}${c.image ? `&media=${e(c.image)}` : ""}`;
    case "whatsapp":
      return `https://wa.me/?text=${e(both(c))}`;
    case "email":
      return `mailto:?subject=${e(c.title || c.text)}&body=${e(both(c))}`;
    default:
      return c.url;
  }
}
