/**
 * `table` in the script tag's English build of the comments app (`comments.js`): the loader
 * fetches `comments.fr.js` for French pages (table.fr.ts), so this one carries the English
 * strings alone, without a way to the French ones.
 */
import { en } from "./en.js";
import type { Table } from "./table.js";

export const table = async (): Promise<Table> => [en];
