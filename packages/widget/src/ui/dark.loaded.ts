// `isDark` in the files the loader fetches: the loader's (core/kit.ts, vite.shared.ts loadedByLoader).
import { kit } from "../core/kit.loaded.js";

export const isDark = kit.d;
