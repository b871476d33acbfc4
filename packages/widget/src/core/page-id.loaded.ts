/**
 * `derivePageId` in the files the loader fetches (`comments.js`, `light.js`, `counts.js`):
 * the loader derived the page id once from its script tag (core/config.ts
 * optionsFromScript) and passes it to every part, so these builds take it as given rather
 * than carrying a second copy of the derivation (vite.shared.ts loadedByLoader). The npm
 * build and the tests use page-id.ts itself.
 */
export { normalizePath, urlPageId } from "./page-id.js";

export const derivePageId = (_doc: Document, explicit?: string | null): string => explicit!;
