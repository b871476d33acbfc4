/**
 * Import work shares the thread that serves readers: it runs in slices, and gives the event
 * loop back between them, so that a request waits at most about one slice.
 */
import { setImmediate } from "node:timers/promises";

/** How long import work runs before letting requests through, in milliseconds. */
export const SLICE_MS = 10;

/**
 * @example
 * const slice = timeSlice();
 * for (const c of comments) {
 *   render(c);
 *   if (slice.over()) await slice.yield();
 * }
 */
export function timeSlice(ms = SLICE_MS) {
  let start = performance.now();
  return {
    /** Whether this slice has run its time. */
    over: () => performance.now() - start >= ms,
    /** Lets the event loop run what is waiting (I/O, timers), then starts a new slice. */
    async yield(): Promise<void> {
      await setImmediate();
      start = performance.now();
    },
  };
}
