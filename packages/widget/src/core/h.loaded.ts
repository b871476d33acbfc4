// `h` in the files the loader fetches: the loader's (core/kit.ts, vite.shared.ts loadedByLoader).
import { kit } from "./kit.loaded.js";

export const h = kit.h;
