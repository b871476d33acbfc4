import type { CommentsOptions } from "./options.js";

const SORTS = new Set(["oldest", "newest", "top"]);
const THEMES = new Set(["auto", "light", "dark"]);

/**
 * Reads the options of a script tag: the server origin from its own `src`, everything else
 * from its `data-*` attributes (`data-site`, `data-page-id`, `data-locale`, `data-theme`,
 * `data-sort`, `data-max-depth`, `data-page-title`, `data-page-url`, `data-edit-window`, and
 * `data-strings`, a JSON object of interface strings by key).
 */
export function optionsFromScript(script: HTMLScriptElement): CommentsOptions {
  const d = script.dataset;
  const options: CommentsOptions = { server: new URL(script.src, document.baseURI).origin };
  if (d.site) options.site = d.site;
  if (d.pageId) options.page = d.pageId;
  if (d.pageTitle) options.pageTitle = d.pageTitle;
  if (d.pageUrl) options.pageUrl = d.pageUrl;
  if (d.locale) options.locale = d.locale;
  if (d.theme && THEMES.has(d.theme)) options.theme = d.theme as CommentsOptions["theme"];
  if (d.sort && SORTS.has(d.sort)) options.sort = d.sort as CommentsOptions["sort"];
  const depth = Number(d.maxDepth);
  if (d.maxDepth && Number.isInteger(depth) && depth >= 0) options.maxDepth = depth;
  const window = Number(d.editWindow);
  if (window > 0) options.editWindow = window;
  try {
    if (d.strings) options.strings = JSON.parse(d.strings);
  } catch {
    // Malformed JSON: the built-in strings stay.
  }
  return options;
}
