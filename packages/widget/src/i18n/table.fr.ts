/**
 * `table` in the script tag's French build of the comments app (`comments.fr.js`): the
 * loader fetches that build for French pages only (`/^fr\b/i` on the `locale` option, else
 * `<html lang>`, as the server picks the language of the thread's HTML), so it carries the
 * French strings and not the English ones.
 */
import { fr, frenchSpaces } from "./fr.js";
import type { Table } from "./table.js";

export const table = async (): Promise<Table> => [fr, frenchSpaces];
