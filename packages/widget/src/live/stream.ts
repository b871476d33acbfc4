/**
 * The page's live events (`GET /api/events`, Server-Sent Events through the browser's
 * EventSource), open only while the thread is near the screen (within about a viewport) and
 * the tab is visible, closed otherwise. EventSource reconnects by itself after a cut, sending
 * `Last-Event-ID`; when the server refuses (a 503 while its database restarts), the stream
 * is opened again after a growing, jittered wait. Reopened after being closed, it names the
 * last event it had (`lastEventId`), so the server sends what was missed meanwhile.
 *
 * The handle's `on` can be replaced: the loader holds the stream first, the comments app
 * takes it over when it loads.
 */

/** What the server sends (docs/api.md): `comment` (a public Comment), `vote`, `remove`, `page`, `reload`. */
export type LiveType = "comment" | "vote" | "remove" | "page" | "reload";

export interface LiveHandle {
  // biome-ignore lint/suspicious/noExplicitAny: the data of each type is documented in docs/api.md.
  on: (type: LiveType, data: any) => void;
  stop: () => void;
}

const TYPES: LiveType[] = ["comment", "vote", "remove", "page", "reload"];

export function live(
  server: string,
  site: string,
  page: string,
  el: Element,
  on: LiveHandle["on"],
): LiveHandle {
  const url = `${server}/api/events?${new URLSearchParams({ site, page })}`;
  let source: EventSource | undefined;
  let last = "";
  let near = false;
  let wait = 1e3;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const close = () => {
    source?.close();
    source = undefined;
    clearTimeout(timer);
  };
  const open = () => {
    if (source || !near || document.hidden) return;
    const s = new EventSource(last ? `${url}&lastEventId=${last}` : url);
    source = s;
    s.onopen = () => {
      wait = 1e3;
    };
    s.onerror = () => {
      // CLOSED: refused (not a cut, which EventSource retries itself). Try again later.
      if (s.readyState === 2 && source === s) {
        source = undefined;
        timer = setTimeout(open, wait * (0.5 + Math.random()));
        wait = Math.min(wait * 2, 6e4);
      }
    };
    // Where the log stood when the stream opened: resumed from there if closed before any event.
    s.addEventListener("ready", (e) => {
      last = (e as MessageEvent).lastEventId || last;
    });
    for (const type of TYPES)
      s.addEventListener(type, (e) => {
        last = (e as MessageEvent).lastEventId || last;
        handle.on(type, JSON.parse((e as MessageEvent).data));
      });
  };
  const sync = () => (near && !document.hidden ? open() : close());
  const io = new IntersectionObserver(
    (entries) => {
      near = entries[entries.length - 1]!.isIntersecting;
      sync();
    },
    { rootMargin: "100% 0px" },
  );
  io.observe(el);
  document.addEventListener("visibilitychange", sync);
  const handle: LiveHandle = {
    on,
    stop: () => {
      close();
      io.disconnect();
      document.removeEventListener("visibilitychange", sync);
    },
  };
  return handle;
}
