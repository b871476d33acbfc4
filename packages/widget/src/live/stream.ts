/**
 * The page's live events (`GET /api/events`, Server-Sent Events through the browser's
 * EventSource), open only while the thread is near the screen (within about a viewport) and
 * the tab is visible, closed otherwise. EventSource reconnects by itself after a cut, sending
 * `Last-Event-ID`; when the server refuses (a 503 while its database restarts), the stream
 * is opened again after a growing, jittered wait. Reopened after being closed, it names the
 * last event it had (`lastEventId`), so the server sends what was missed meanwhile.
 *
 * `from` is the thread's `eventId` (the server's HTML says `data-event-id`): the first stream
 * resumes there, so that what was written since the thread was read comes too — seconds
 * for a fragment just fetched, days for one a site built into its page.
 *
 * Held by the loader for the page's life; once the comments app has the thread, the loader
 * hands each event on to it (core/events.ts LIVE_EVENT). The npm API's `mountComments`
 * holds one too (live/follow.ts), on an element it removes when unmounted: the stream is
 * closed as for a thread scrolled away, and no closing function costs the loader bytes.
 */

/** What the server sends (docs/api.md): `comment` (a public Comment), `vote`, `remove`, `page`, `reload`. */
export type LiveType = "comment" | "vote" | "remove" | "page" | "reload";

// biome-ignore lint/suspicious/noExplicitAny: the data of each type is documented in docs/api.md.
export type LiveHandler = (type: LiveType, data: any) => void;

/** `ready` (where the log stood when the stream opened) moves the resume point and is not handed on. */
const TYPES = ["ready", "comment", "vote", "remove", "page", "reload"] as const;

export function live(
  server: string,
  site: string,
  page: string,
  el: Element,
  on: LiveHandler,
  from?: string | null,
): void {
  const url = `${server}/api/events?${new URLSearchParams({ site, page })}`;
  let source: EventSource | undefined;
  let last = from || "";
  let near = false;
  let wait = 1e3;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sync = (): void => {
    if (!near || document.hidden) {
      source?.close();
      source = undefined;
      clearTimeout(timer);
    } else if (!source) {
      const s = new EventSource(last ? `${url}&lastEventId=${last}` : url);
      source = s;
      s.onopen = () => {
        wait = 1e3;
      };
      s.onerror = () => {
        // CLOSED: refused (not a cut, which EventSource retries itself). Try again later.
        if (s.readyState === 2 && source === s) {
          source = undefined;
          timer = setTimeout(sync, wait * (0.5 + Math.random()));
          wait = Math.min(wait * 2, 6e4);
        }
      };
      for (const type of TYPES)
        s.addEventListener(type, (e) => {
          last = (e as MessageEvent).lastEventId || last;
          if (type !== "ready") on(type, JSON.parse((e as MessageEvent).data));
        });
    }
  };
  new IntersectionObserver(
    (entries) => {
      near = entries[entries.length - 1]!.isIntersecting;
      sync();
    },
    { rootMargin: "100% 0px" },
  ).observe(el);
  document.addEventListener("visibilitychange", sync);
}
