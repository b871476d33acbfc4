/**
 * The strings of a language and their typography, as `loadI18n` takes them: English here,
 * French in its own chunk (`fr.js`), fetched for French pages only (the npm build). The script
 * tag's two builds of the comments app take `table.en.ts` (`comments.js`) or `table.fr.ts`
 * (`comments.fr.js`) instead (vite.comments.config.ts): a reader downloads the strings of the
 * page's language alone.
 */
import { en, type Strings } from "./en.js";

/** The strings of `lang`, with the typography applied to each (French spacing) if any. */
export type Table = [strings: Strings, typo?: (s: string) => string];

export const table = async (lang: string): Promise<Table> =>
  /^fr\b/i.test(lang) ? import("./fr.js").then((m) => [m.fr, m.frenchSpaces]) : [en];
