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
import { composeTweet } from "./compose.js";
import { handles } from "./intent.js";
import { canonicalUrl, clean, INTENT_LINK, type QuoteBox } from "./quote-box.js";

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
  const get = (k: string) => o[k] ?? p.get(k) ?? undefined;
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

/**
 * Points the box's button at the post shortened to fit X's limit, adds the links of the
 * other networks asked for (`networks`, else `data-networks`; their code from `links`, a
 * chunk fetched only when a box asks for some), and follows the page's dark-mode switch;
 * returns the function that stops following it.
 */
export function upgradeQuoteBox(
  box: QuoteBox,
  options: ClickToTweetOptions = {},
  links: Links | (() => Promise<Links>) = () => import("../share/links.js"),
): () => void {
  const post = readPost(box.el, box.quote, options);
  box.button.href = composeTweet(post);
  const networks = handles(options.networks ?? box.el.dataset.networks).filter((n) => n !== "x");
  const add = (m: Links) => {
    const i18n = loaderI18n(box.opts.locale, box.opts.strings, SHARE_STRINGS);
    box.row.append(...m.networkLinks(i18n, box.opts, networks, post));
    const root = box.el.shadowRoot!;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet(PILL_CSS)];
  };
  if (networks.length) {
    if (typeof links === "function") links().then(add, Boolean);
    else add(links);
  }
  return followTheme(box.el, options.theme);
}
