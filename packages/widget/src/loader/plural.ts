/**
 * Counted strings for the share bar and the counts, apart from strings.ts: the quote boxes
 * count nothing.
 */
import type { LoaderI18n } from "./strings.js";

/**
 * A counted string, by `Intl.PluralRules`: `plural(i18n, "shares", 61)` → "61 shares" /
 * "61 partages"; `{key}_zero` is used for 0 when the table has one.
 */
export function plural(i18n: LoaderI18n, key: string, n: number): string {
  let lang = i18n.lang;
  try {
    Intl.getCanonicalLocales(lang);
  } catch {
    lang = "en"; // an invalid <html lang> ("en_US") must not break the page
  }
  const zero = n === 0 && i18n.t(`${key}_zero`) !== `${key}_zero`;
  const form = zero ? "zero" : new Intl.PluralRules(lang).select(n) === "one" ? "one" : "other";
  return i18n.t(`${key}_${form}`).replace("{n}", n.toLocaleString(lang));
}
