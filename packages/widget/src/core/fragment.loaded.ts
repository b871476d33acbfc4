// The thread's HTML address in the files the loader fetches: the loader's (core/kit.ts,
// vite.shared.ts loadedByLoader).
import { kit } from "./kit.loaded.js";

export { type FragmentQuery, THREAD_MARK } from "./fragment.js";
export const fragmentLang = kit.g;
export const fragmentUrl = kit.f;
