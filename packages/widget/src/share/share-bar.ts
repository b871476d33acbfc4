/**
 * The share bar: `<div data-causette-share>` shows the page's total of shares ("61 shares")
 * and a row of share links, each counted on the Causette server when clicked. Totals come
 * from the server (`GET /api/shares`): first-party counts, no request to any network.
 */
import type { ShareNetwork, ShareRequest, SharesResponse } from "@causette/types";
import { derivePageId } from "../core/page-id.js";
import { plural } from "../loader/plural.js";
import { loaderI18n } from "../loader/strings.js";
import { canonicalUrl } from "../tweet/quote-box.js";
import { SHARED_EVENT } from "./beacon.js";
import { h, type LightOptions, PILL_CSS, render } from "./dom.js";
import { local, networkLinks } from "./links.js";
import { NETWORK_NAMES, type ShareContent } from "./networks.js";
import { SHARE_STRINGS } from "./strings.js";
import { followTheme } from "./theme.js";

/** Options of a share bar; each also reads from the element's `data-*` attribute. */
export interface ShareBarOptions extends LightOptions {
  /** Networks shown, in order (`data-networks="x,facebook,pinterest"`). */
  networks?: ShareNetwork[] | string;
  /** The URL shared; default the canonical URL (`data-url`). */
  url?: string;
  /** The text shared with it; default the page title (`data-text`). */
  text?: string;
  /** X handle for "via @handle" (`data-via`). */
  via?: string;
}

/** As `data-networks` says them: split like the attribute. */
const DEFAULT_NETWORKS = "x,bluesky,mastodon,linkedin,facebook,pinterest,whatsapp,email";

/**
 * Whether the server counts this click: it counts one per reader, page and network an hour
 * (routes/shares.ts), so a bar that added every click would show more than the server keeps,
 * and its total would go down at the next visit. One localStorage entry per page and network
 * shared: when it was counted.
 */
function counted(key: string): boolean {
  const k = `causette:shared|${key}`;
  if (Date.now() - Number(local(k)) < 3_600_000) return false;
  local(k, Date.now());
  return true;
}

const CSS = `${PILL_CSS}.t{font-weight:700;margin-right:.25em}.c{font-variant-numeric:tabular-nums}.c:empty{display:none}`;

/**
 * Draws a share bar in `el` and fetches its counts.
 *
 * @example
 * import { mountShareBar } from "@causette/widget";
 * const unmount = mountShareBar(document.querySelector("#share")!, {
 *   server: "https://comments.example.com",
 *   networks: ["x", "bluesky", "mastodon", "facebook"],
 * });
 */
export function mountShareBar(el: HTMLElement, options: ShareBarOptions = {}): () => void {
  const d = el.dataset;
  const i18n = loaderI18n(options.locale, options.strings, SHARE_STRINGS);
  const page = derivePageId(document, d.pageId || options.page, options.pageIdParam);
  const opts = { ...options, page };
  const image = document.querySelector<HTMLMetaElement>('meta[property="og:image"]')?.content;
  const content: ShareContent = {
    text: options.text ?? d.text ?? document.title,
    url: options.url ?? d.url ?? canonicalUrl(),
    via: options.via ?? d.via,
    title: document.title,
    image,
  };
  let wanted = (options.networks ?? d.networks ?? DEFAULT_NETWORKS) as ShareNetwork[] | string;
  if (typeof wanted === "string") wanted = wanted.split(",").map((n) => n.trim()) as ShareNetwork[];
  const counts: Partial<Record<ShareNetwork, number>> = {};
  let total = 0;
  const totalEl = h("span", { class: "t", role: "status" });
  const countEls = new Map<ShareNetwork, HTMLElement>();
  const row = h("div", { class: "r", role: "group", "aria-label": i18n.t("shareBar") }, totalEl);
  row.append(
    ...networkLinks(i18n, opts, wanted, content, (n) => {
      const c = h("span", { class: "c" });
      countEls.set(n, c);
      return [c];
    }),
  );
  // The system's share sheet where the browser has one, unless the owner listed "native" already.
  if (!wanted.includes("native")) row.append(...networkLinks(i18n, opts, ["native"], content));
  const show = () => {
    totalEl.textContent = plural(i18n, "shares", total);
    for (const [n, c] of countEls) {
      // The visible count is part of the link's name, as WCAG 2.5.3 wants: "Share on X 3 (…)".
      const a = c.parentElement!;
      a.dataset.name ??= a.getAttribute("aria-label")!;
      c.textContent = counts[n] ? ` ${counts[n]}` : "";
      a.setAttribute(
        "aria-label",
        a.dataset.name.replace(NETWORK_NAMES[n], `${NETWORK_NAMES[n]}${c.textContent}`),
      );
    }
  };
  show();
  const erase = render(el, options.theme, CSS, row);
  const stopTheme = followTheme(el, options.theme);
  const onShare = (ev: Event) => {
    const s = (ev as CustomEvent<ShareRequest & { counted?: boolean }>).detail;
    if (s.page !== page) return;
    // The first bar to hear a click decides for every bar of the page.
    s.counted ??= counted(`${s.site}|${page}|${s.network}`);
    if (!s.counted) return;
    total++;
    counts[s.network] = (counts[s.network] ?? 0) + 1;
    show();
  };
  document.addEventListener(SHARED_EVENT, onShare);
  if (options.server) {
    const q = new URLSearchParams({ site: options.site ?? "default", page });
    fetch(`${options.server}/api/shares?${q}`)
      .then((r) => (r.ok ? (r.json() as Promise<SharesResponse>) : null))
      .then((r) => {
        if (!r) return;
        // The server's figures replace the local ones (they include this page's earlier clicks).
        total = r.total;
        Object.assign(counts, r.networks);
        show();
      })
      .catch(() => {});
  }
  return () => {
    document.removeEventListener(SHARED_EVENT, onShare);
    stopTheme();
    erase();
  };
}
