/**
 * Finishing a drawn quote box: the post read from options, `data-*` and the markup's link,
 * shortened to fit X's 280 (exact counter), and the links of more networks.
 */
import type { ShareNetwork } from "@causette/types";
import { loaderI18n } from "../loader/strings.js";
import { type LightOptions, PILL_CSS, sheet } from "../share/dom.js";
import type { ShareContent } from "../share/networks.js";
import { SHARE_STRINGS } from "../share/strings.js";
import { followTheme } from "../share/theme.js";
import { handles, intentUrl } from "./intent.js";
import { canonicalUrl, type QuoteBox } from "./quote-box.js";
import { clean, INTENT_LINK, tweetText } from "./text.js";
import { lengthBound, TWEET_MAX } from "./weight.js";

/** Options of a quote box; each also reads from the element's `data-*` attribute. */
export interface ClickToTweetOptions extends LightOptions {
  /** What gets posted, when it differs from the quote shown (`data-tweet-text`). */
  text?: string;
  /** X handle credited as "via @handle", without "@" (`data-via`). */
  via?: string;
  /** Hashtags without "#" (`data-hashtags="a,b"`). */
  hashtags?: string[] | string;
  /** Accounts X suggests following after posting (`data-related`). */
  related?: string[] | string;
  /** The URL posted; default the canonical URL, else the page's (`data-url`). */
  url?: string;
  /** More networks after X's button (`data-networks="bluesky,mastodon"`). */
  networks?: ShareNetwork[] | string;
}

/** Reads a box's post: options first, then `data-*`, then the markup's intent link. */
export function readPost(el: HTMLElement, quote: string, options: ClickToTweetOptions = {}): ShareContent {
  const o = { ...el.dataset, ...options } as Record<string, string | string[] | undefined>;
  let p = new URLSearchParams();
  try {
    p = new URL(el.querySelector<HTMLAnchorElement>(INTENT_LINK)!.href).searchParams;
  } catch {
    // No link, or a broken one: the element's text is the post.
  }
  const get = (k: string) => o[k] ?? p.get(k);
  return {
    text: clean((options.text ?? o.tweetText ?? p.get("text")) as string) || quote,
    url: (get("url") as string) || canonicalUrl(),
    via: handles(get("via"))[0],
    hashtags: handles(get("hashtags")),
    related: handles(get("related")),
    title: document.title,
  };
}

type Links = typeof import("../share/links.js");
type Compose = typeof import("./compose.js");
/** A module, or the function that fetches it. */
type Lazy<T> = T | (() => Promise<T>);

/**
 * The code a box may need, given at once or fetched only then: the exact counter, with its
 * TLD lists, only for posts that may not fit X's limit.
 */
export interface UpgradeDeps {
  /** The links of other networks (for boxes that ask for some). */
  links: Lazy<Pick<Links, "networkLinks">>;
  compose: Lazy<Compose>;
}

function use<T>(dep: Lazy<T>, then: (m: T) => void): void {
  if (typeof dep === "function") (dep as () => Promise<T>)().then(then, Boolean);
  else then(dep);
}

/**
 * Points the box's button at the post — shortened with the exact counter when it may not
 * fit X's limit (a post that surely fits goes as it is, and the counter is never fetched) —
 * adds the links of the other networks asked for (`networks`, else `data-networks`), and
 * follows the page's dark-mode switch; returns the function that stops following it.
 */
export function upgradeQuoteBox(box: QuoteBox, options: ClickToTweetOptions, deps: UpgradeDeps): () => void {
  // In French text, a space before ! ? : ; becomes a narrow no-break space: the mark never
  // starts a line.
  if (/^fr\b/i.test(box.el.closest<HTMLElement>("[lang]")?.lang ?? ""))
    // (The quote is the paragraph before the row of buttons.)
    box.row.previousSibling!.textContent = box.quote.replace(/ (?=[!?:;])/g, "\u202f");
  const post = readPost(box.el, box.quote, options);
  if (lengthBound(tweetText(post)) <= TWEET_MAX) box.button.href = intentUrl(post);
  else use(deps.compose, (m) => (box.button.href = m.composeTweet(post)));
  const networks = handles(options.networks ?? box.el.dataset.networks).filter((n) => n !== "x");
  if (networks.length)
    use(deps.links, (m) => {
      const i18n = loaderI18n(box.opts.locale, box.opts.strings, SHARE_STRINGS);
      box.row.append(...m.networkLinks(i18n, box.opts, networks, post));
      const root = box.el.shadowRoot!;
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet(PILL_CSS)];
    });
  return followTheme(box.el, options.theme);
}
