/**
 * Translation and formatting, with the browser's `Intl` only (no date or i18n library):
 * plurals through `Intl.PluralRules`, relative times through `Intl.RelativeTimeFormat`.
 */
import type { StringKey, Strings } from "./en.js";
import { table } from "./table.js";

export type { StringKey, Strings };

export interface I18n {
  /** The BCP 47 tag used for `Intl`, e.g. "fr-CA". */
  lang: string;
  /** The string `key` with `{name}` placeholders filled from `vars`. */
  t: (key: StringKey, vars?: Record<string, string | number>) => string;
  /** A plural string: `count` → "15 comments". */
  count: (n: number) => string;
  /**
   * "3 days ago", "il y a 3 jours" (`Intl.RelativeTimeFormat`); a week or more ago, the date
   * ("14 March 2012"): "14 years ago" says little.
   */
  ago: (ms: number, now?: number) => string;
  /** The exact date and time, for tooltips. */
  date: (ms: number) => string;
}

/** A week, in seconds: older times are said as a date. */
const WEEK = 604_800;

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
  ["second", 1],
];

/**
 * The locale to use: the option, else `<html lang>`, else English. A tag Intl refuses
 * (`<html lang="fr-">`, `en_US`) is English too: every formatter would throw on it.
 */
export function pickLocale(option?: string): string {
  const lang = option || document.documentElement.lang || "en";
  try {
    Intl.getCanonicalLocales(lang);
    return lang;
  } catch {
    return "en";
  }
}

/**
 * Loads the strings of `lang` (French in its own chunk, table.ts) and merges the overrides.
 * Dates and numbers follow `lang` in French; English strings go with English formats.
 */
export async function loadI18n(lang: string, overrides?: Record<string, string>): Promise<I18n> {
  const [strings, typo] = await table(lang);
  return createI18n(typo ? lang : "en", { ...strings, ...overrides }, typo);
}

/** `typo` is applied to every string shown (French spacing). */
export function createI18n(lang: string, strings: Strings, typo?: (s: string) => string): I18n {
  const rules = new Intl.PluralRules(lang);
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  const dtf = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" });
  const day = new Intl.DateTimeFormat(lang, { dateStyle: "long" });
  const t = (key: StringKey, vars?: Record<string, string | number>) => {
    // Every table has every key (`Strings`), overrides only replace some.
    const s = strings[key].replace(/\{(\w+)\}/g, (_, k) => String(vars?.[k] ?? ""));
    return typo ? typo(s) : s;
  };
  return {
    lang,
    t,
    count: (n) =>
      n
        ? t(`count_${rules.select(n) === "one" ? "one" : "other"}`, { n: n.toLocaleString(lang) })
        : t("none"),
    ago: (ms, now = Date.now()) => {
      const s = Math.round((ms - now) / 1000);
      if (s <= -WEEK) return day.format(ms);
      for (const [unit, size] of UNITS) {
        if (Math.abs(s) >= size || unit === "second") {
          // "now" rather than "12 seconds ago"; a wait still to come is said exactly.
          return rtf.format(unit === "second" && s > -45 && s <= 0 ? 0 : Math.round(s / size), unit);
        }
      }
      return "";
    },
    date: (ms) => dtf.format(ms),
  };
}
