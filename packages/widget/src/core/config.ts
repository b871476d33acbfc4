import type { CommentsOptions } from "./options.js";
import { derivePageId } from "./page-id.js";

/** Fetches one of the script tag's files (`comments.js`, `light.js`…) next to the loader. */
export type Chunk = <M>(file: string) => Promise<M>;

/** The options every part reads from the loader's script tag. */
export type ScriptOptions = Pick<
  CommentsOptions,
  "server" | "site" | "page" | "pageIdParam" | "locale" | "theme" | "strings"
>;

/**
 * Reads what every part needs from the loader's script tag: the server origin from its own
 * `src`, and `data-site`, `data-page-id`, `data-locale`, `data-theme`, `data-strings` (a
 * JSON object of interface strings by key). With `data-page-id-param` and no `data-page-id`,
 * the page id is derived here, once, with the query parameter it names.
 */
export function optionsFromScript(script: HTMLScriptElement): ScriptOptions {
  const d = script.dataset;
  const options: ScriptOptions = {
    // `src` is absolute: the browser resolved it.
    server: new URL(script.src).origin,
    site: d.site || undefined,
    // Derived once, here: every part then shows, counts and shares the same page.
    page: derivePageId(document, d.pageId, d.pageIdParam),
    pageIdParam: d.pageIdParam,
    locale: d.locale || undefined,
    theme: /^(light|dark)$/.test(d.theme ?? "") ? (d.theme as ScriptOptions["theme"]) : undefined,
  };
  try {
    if (d.strings) options.strings = JSON.parse(d.strings);
  } catch {
    // Malformed JSON: the built-in strings stay.
  }
  return options;
}

/** A whole number written in digits, else undefined. */
const whole = (v?: string) => (v && /^\d+$/.test(v) ? +v : undefined);

/**
 * Adds the comments' own options from the script tag's `data-*` attributes (`data-sort`,
 * `data-max-depth`, `data-page-title`, `data-page-url`, `data-edit-window`) to the common
 * ones. Read in the comments app, so that the loader stays small; invalid values are left
 * out (the defaults apply).
 */
export function commentsOptions(d: DOMStringMap, common: ScriptOptions): CommentsOptions {
  return {
    ...common,
    pageTitle: d.pageTitle || undefined,
    pageUrl: d.pageUrl || undefined,
    sort: /^(oldest|newest|top)$/.test(d.sort ?? "") ? (d.sort as CommentsOptions["sort"]) : undefined,
    maxDepth: whole(d.maxDepth),
    editWindow: whole(d.editWindow) || undefined,
  };
}
