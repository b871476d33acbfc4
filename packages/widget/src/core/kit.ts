/**
 * What the loader shares with the files it fetches: helpers it carries anyway (its element
 * helper, the theme, the page id, the thread's HTML address), which `light.js`, the comments
 * app and the other parts then take from it instead of each carrying its own copy. The
 * loader puts them on the page under a registered symbol (no global name) before it fetches
 * anything; the builds of those files take them from there (the `*.loaded.ts` modules,
 * vite.shared.ts loadedByLoader). The npm build and the tests use the modules themselves.
 */
import { isDark } from "../ui/dark.js";
import { lightText } from "../ui/light-text.js";
import { fragmentLang, fragmentUrl } from "./fragment.js";
import { h } from "./h.js";
import { urlPageId } from "./page-id.js";

/** Short keys: the loader's build keeps property names as written. */
const kit = { h, l: lightText, d: isDark, u: urlPageId, f: fragmentUrl, g: fragmentLang };

export type Kit = typeof kit;

/** Where the loader puts the kit. */
export const KIT = Symbol.for("causette.kit");

/** Called by the loader before it fetches any of its files. */
export const shareKit = (): void => {
  (globalThis as Record<symbol, Kit>)[KIT] = kit;
};
