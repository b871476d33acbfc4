/**
 * One link per network, shared by quote boxes and share bars. Mastodon has no central
 * server: the reader's own is asked once and kept in localStorage (never sent to us).
 */
import type { ShareNetwork } from "@causette/types";
import type { LoaderI18n } from "../loader/strings.js";
import type { TweetParts } from "../tweet/intent.js";
import { countShare } from "./beacon.js";
import { h, type LightOptions, shareLink } from "./dom.js";
import { LINK_NETWORKS, NETWORK_NAMES, type ShareContent, shareUrl } from "./networks.js";

const KEY = "causette:mastodon";

/**
 * localStorage's `key`, set to `value` when one is given; undefined where storage is blocked
 * (private modes, sandboxed frames): the share links work on, and only forget.
 */
export function local(key: string, value?: string | number): string | undefined {
  try {
    if (value !== undefined) localStorage[key] = value;
    return localStorage[key];
  } catch {
    return undefined;
  }
}

/** "https://Mastodon.Social/@me" → "mastodon.social"; null when it is not a host name. */
export function mastodonHost(input?: string | null): string | null {
  const host = (input ?? "")
    .trim()
    .replace(/^https?:\/\//i, "")
    .split(/[/?#@]/)[0]!
    .toLowerCase();
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?$/.test(host) ? host : null;
}

/**
 * The link of `network`, labelled "Share on X (opens in a new window)" for assistive tech
 * ("Share by E-mail" for e-mail, which opens no window).
 */
export function networkLink(
  i18n: LoaderI18n,
  opts: LightOptions & { page: string },
  network: ShareNetwork,
  content: ShareContent,
  tweet?: (parts: TweetParts) => string,
  extra: (Node | string)[] = [],
): HTMLAnchorElement {
  const name = NETWORK_NAMES[network];
  // A mailto: link opens the reader's mail program, not a window: "Share by E-mail".
  const mail = network === "email";
  const label =
    i18n.t(mail ? "shareBy" : "shareOn").replace("{network}", name) + (mail ? "" : i18n.t("newWindow"));
  const a = shareLink(opts, network, "", [name, ...extra], label);
  if (mail) a.removeAttribute("target");
  // Only Mastodon's link depends on the reader's server, kept in localStorage.
  const instance = network === "mastodon" ? mastodonHost(local(KEY)) : null;
  a.href = shareUrl(network, content, tweet, instance ?? undefined);
  if (network === "mastodon") {
    a.addEventListener(
      "click",
      (ev) => {
        let host = mastodonHost(local(KEY));
        if (!host) {
          host = mastodonHost(prompt(i18n.t("instance"), "mastodon.social"));
          if (!host) {
            ev.preventDefault();
            ev.stopImmediatePropagation();
            return;
          }
          local(KEY, host);
        }
        a.href = shareUrl(network, content, tweet, host);
      },
      true,
    );
  }
  return a;
}

/** The links of `networks` (unknown names skipped), e.g. from `data-networks`. */
export function networkLinks(
  i18n: LoaderI18n,
  opts: LightOptions & { page: string },
  networks: readonly string[],
  content: ShareContent,
  extra?: (network: ShareNetwork) => (Node | string)[],
): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const n of networks) {
    if ((LINK_NETWORKS as readonly string[]).includes(n))
      out.push(networkLink(i18n, opts, n as ShareNetwork, content, undefined, extra?.(n as ShareNetwork)));
    else if (n === "native" && typeof navigator.share === "function")
      out.push(nativeButton(i18n, opts, content));
  }
  return out;
}

/** "Share…": the system's share sheet (`navigator.share`), counted once the reader shares. */
export function nativeButton(
  i18n: LoaderI18n,
  opts: LightOptions & { page: string },
  content: ShareContent,
): HTMLElement {
  const b = h("button", { type: "button" }, `${i18n.t("share")}…`);
  b.addEventListener("click", () =>
    navigator.share({ title: content.title, text: content.text, url: content.url }).then(
      () => countShare(opts.server, opts.site, opts.page, "native"),
      () => {}, // cancelled
    ),
  );
  return b;
}
