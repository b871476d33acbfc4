/**
 * `derivePageId` in the files the loader fetches (`comments.js`, `light.js`, `counts.js`):
 * the loader derived the page id once from its script tag (core/config.ts
 * optionsFromScript) and passes it to every part, so these builds take it as given rather
 * than carrying a second copy of the derivation (vite.shared.ts loadedByLoader); and
 * `urlPageId` (the page id of a link, for the counts) is the loader's (core/kit.ts). The npm
 * build and the tests use page-id.ts itself.
 */
import { kit } from "./kit.loaded.js";

export { normalizePath } from "./page-id.js";

export const urlPageId = kit.u;

export const derivePageId = (_doc: Document, explicit?: string | null): string => explicit!;
