/**
 * The strings of a language and their typography, as `loadI18n` takes them: English here,
 * French in its own chunk (`fr.js`), fetched for French pages only. The script tag's French
 * build of the comments app (`comments.fr.js`, vite.comments-fr.config.ts) takes
 * `table.fr.ts` instead, so that a French reader downloads the French strings alone.
 */
import { en, type Strings } from "./en.js";

/** The strings of `lang`, with the typography applied to each (French spacing) if any. */
export type Table = [strings: Strings, typo?: (s: string) => string];

export const table = async (lang: string): Promise<Table> =>
  /^fr\b/i.test(lang) ? import("./fr.js").then((m) => [m.fr, m.frenchSpaces]) : [en];
