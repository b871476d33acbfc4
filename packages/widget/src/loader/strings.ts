/**
 * The strings of the light parts (quote boxes, share bars, counts), in English and French,
 * kept apart from the comments app's catalogue, in `light.js`: the quote box's two here,
 * share bars and counts add theirs. Every key can be overridden with the `strings` option;
 * `{n}` is a formatted number.
 */
const EN = { tweet: "Click to Tweet", newWindow: " (opens in a new window)" };
const FR = { tweet: "Cliquez pour tweeter", newWindow: " (s’ouvre dans une nouvelle fenêtre)" };

/** The light parts' strings for a locale, e.g. "fr-CA" → French; anything else → English. */
export interface LoaderI18n {
  lang: string;
  t: (key: string) => string;
}

/**
 * The locale: the option (`data-locale`), else `<html lang>`, else English. `more` adds a
 * part's own strings as `[English, French]`.
 */
export function loaderI18n(locale?: string, overrides?: Record<string, string>, more?: object[]): LoaderI18n {
  const lang = locale || document.documentElement.lang || "en";
  const fr = +/^fr\b/i.test(lang);
  const table: Record<string, string> = Object.assign({}, fr ? FR : EN, more?.[fr], overrides);
  return { lang, t: (key) => table[key] ?? key };
}
