/**
 * The loader's kit (core/kit.ts), in the files it fetches: it put it on the page before it
 * fetched them.
 */
import type { Kit } from "./kit.js";

export const kit = (globalThis as Record<symbol, Kit>)[Symbol.for("causette.kit")]!;
