/**
 * Comment counts anywhere on a page — an index that lists many posts, or a post's header:
 * every `[data-causette-count]` element gets its count as its own text ("15 comments… add
 * one"), from one batched `GET /api/counts` (up to 100 pages per request).
 */
import { type CountsResponse, LIMITS } from "@causette/types";
import { COUNT_EVENT, type CountDetail } from "../core/events.js";
import { derivePageId, normalizePath, urlPageId } from "../core/page-id.js";
import { plural } from "../loader/plural.js";
import { type LoaderI18n, loaderI18n } from "../loader/strings.js";
import { COUNT_STRINGS } from "./strings.js";

/** Options of mountCounts (the script tag's `data-*` attributes, or npm). */
export interface CountsOptions {
  /** The Causette server's origin. */
  server: string;
  site?: string;
  /** The page id for elements with neither `data-page-id` nor `href`. */
  page?: string;
  /** Query parameters that tell pages apart, e.g. `"p"`: a link to `/?p=123` counts `/?p=123`. */
  pageIdParam?: string;
  locale?: string;
  /** Override the `comments_zero`, `comments_one`, `comments_other` strings ("{n}" is the number). */
  strings?: Record<string, string>;
}

export const COUNT_SELECTOR = "[data-causette-count]";

/** The page an element counts: `data-page-id`, else its link's path, else this page. */
export function countPage(el: Element, fallback: string, param?: string): string {
  const href = el.getAttribute("href");
  try {
    if (href && href[0] !== "#")
      return el.getAttribute("data-page-id") || urlPageId(new URL(href, document.baseURI), param);
  } catch {
    // An unparsable href: this page.
  }
  return el.getAttribute("data-page-id") || fallback;
}

/**
 * Fills every count element under `root` (the document, or any element) with one request
 * per 100 pages, each in the language nearest to it (a post card's own `lang`, else the
 * `locale` option, else the page's), and keeps each in step with the comments of its page
 * shown on this page (posted, deleted). Returns the unmount function (it puts back the site owner's text), with
 * `ready`, a promise that resolves once the counts are written — it never rejects: on a
 * network error the elements keep the text the site owner wrote.
 *
 * @example
 * import { mountCounts } from "@causette/widget";
 * // <a href="/2016/08/post/" data-causette-count>Comments</a> on an index page:
 * const unmount = mountCounts(document, { server: "https://comments.example.com" });
 * await unmount.ready;
 */
export function mountCounts(
  root: ParentNode,
  options: CountsOptions,
): (() => void) & { ready: Promise<void> } {
  const els = [...root.querySelectorAll<HTMLElement>(COUNT_SELECTOR)];
  const before = els.map((el) => el.textContent);
  const here = derivePageId(document, options.page, options.pageIdParam);
  const pages = els.map((el) => countPage(el, here, options.pageIdParam));
  const unique = [...new Set(pages)];
  const site = options.site ?? "default";
  const i18ns: Record<string, LoaderI18n> = {};
  const write = (el: Element, n: number) => {
    // The nearest `lang` below <html> wins: an English card on a French index says "12 comments".
    const lang = el.closest<HTMLElement>(":not(html)[lang]")?.lang || options.locale || "";
    i18ns[lang] ??= loaderI18n(lang, options.strings, COUNT_STRINGS);
    el.textContent = plural(i18ns[lang], "comments", n);
  };
  const batches: Promise<void>[] = [];
  // The API answers up to LIMITS.countsPagesMax pages a request; all go in parallel.
  const per = LIMITS.countsPagesMax;
  for (let i = 0; i < unique.length; i += per) {
    const q = new URLSearchParams({ site });
    for (const p of unique.slice(i, i + per)) q.append("page", p);
    batches.push(
      fetch(`${options.server}/api/counts?${q}`)
        .then((r) => r.json())
        .then((r: CountsResponse) =>
          els.forEach((el, j) => {
            const n = r.counts?.[pages[j]!];
            if (typeof n === "number") write(el, n);
          }),
        )
        .catch(() => {}), // offline or refused: the site owner's text stays
    );
  }
  const follow = (e: Event) => {
    const d = (e as CustomEvent<CountDetail>).detail;
    if (d.site === site) for (const [j, el] of els.entries()) if (pages[j] === d.page) write(el, d.count);
  };
  document.addEventListener(COUNT_EVENT, follow);
  const unmount = () => {
    document.removeEventListener(COUNT_EVENT, follow);
    els.forEach((el, i) => {
      el.textContent = before[i]!;
    });
  };
  return Object.assign(unmount, { ready: Promise.all(batches).then(() => {}) });
}
