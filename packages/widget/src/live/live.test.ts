/**
 * The live client in happy-dom, with the two browser APIs it lacks played by small fakes
 * (EventSource, IntersectionObserver); Chromium runs the real ones in e2e/live.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { comment, contractApi } from "../../test/contract-api.js";
import { en } from "../i18n/en.js";
import { createI18n } from "../i18n/index.js";
import { createThread } from "../stores/thread.js";
import { notice } from "./notice.js";
import { live } from "./stream.js";

class FakeSource extends EventTarget {
  static all: FakeSource[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    super();
    FakeSource.all.push(this);
  }
  close() {
    this.readyState = 2;
  }
  send(type: string, data: unknown, id: string) {
    this.dispatchEvent(Object.assign(new Event(type), { data: JSON.stringify(data), lastEventId: id }));
  }
}

let seen: (isIntersecting: boolean) => void = () => {};
class FakeObserver {
  constructor(cb: (entries: { isIntersecting: boolean }[]) => void) {
    seen = (isIntersecting) => cb([{ isIntersecting }]);
  }
  observe() {}
  disconnect() {}
}

let hidden = false;
beforeEach(() => {
  FakeSource.all = [];
  hidden = false;
  vi.stubGlobal("EventSource", FakeSource);
  vi.stubGlobal("IntersectionObserver", FakeObserver);
  Object.defineProperty(document, "hidden", { configurable: true, get: () => hidden });
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("live()", () => {
  it("opens only near the screen and while the tab is visible, and names the last event when reopened", () => {
    const got: unknown[] = [];
    live("https://c.example", "default", "/p/", document.body, (type, data) => got.push([type, data]));
    expect(FakeSource.all).toHaveLength(0);
    seen(true);
    expect(FakeSource.all).toHaveLength(1);
    const first = FakeSource.all[0]!;
    expect(first.url).toBe("https://c.example/api/events?site=default&page=%2Fp%2F");
    first.send("comment", { id: "a" }, "41");
    expect(got).toEqual([["comment", { id: "a" }]]);
    hidden = true;
    document.dispatchEvent(new Event("visibilitychange"));
    expect(first.readyState).toBe(2);
    hidden = false;
    document.dispatchEvent(new Event("visibilitychange"));
    expect(FakeSource.all).toHaveLength(2);
    expect(FakeSource.all[1]!.url).toContain("&lastEventId=41");
    seen(false);
    expect(FakeSource.all[1]!.readyState).toBe(2);
    // Where the log stood moves the resume point, and is not handed on.
    seen(true);
    FakeSource.all[2]!.send("ready", null, "45");
    FakeSource.all[2]!.send("vote", { id: "a", score: 2 }, "46");
    expect(got.at(-1)).toEqual(["vote", { id: "a", score: 2 }]);
    expect(got).toHaveLength(2);
    seen(false);
    seen(true);
    expect(FakeSource.all[3]!.url).toContain("&lastEventId=46");
  });

  it("opens again after a refusal, waiting longer each time", () => {
    live("", "default", "/p/", document.body, () => {});
    seen(true);
    for (let i = 1; i <= 3; i++) {
      const s = FakeSource.all.at(-1)!;
      s.readyState = 2;
      s.onerror?.();
      expect(FakeSource.all).toHaveLength(i);
      vi.advanceTimersByTime(1e3 * 2 ** (i - 1) * 1.5 + 1);
      expect(FakeSource.all).toHaveLength(i + 1);
    }
  });
});

describe("notice()", () => {
  it("says how many new comments in a polite live region, in English and French (the thread's language), hidden at 0", () => {
    const show = vi.fn();
    const en = notice(false, show);
    expect(en.el.getAttribute("role")).toBe("status");
    expect(en.el.textContent).toBe("");
    en.set(1);
    expect(en.el.textContent).toBe("1 new comment — show");
    en.set(2);
    expect(en.el.textContent).toBe("2 new comments — show");
    en.el.querySelector("button")!.click();
    expect(show).toHaveBeenCalledOnce();
    en.set(0);
    expect(en.el.querySelector("button")).toBeNull();
    const fr = notice(true, show);
    fr.set(3);
    expect(fr.el.textContent).toBe("3 nouveaux commentaires — afficher");
  });
});

/** A thread of "/post/" over the contract's fake API (`options`: more of createThread's). */
function threadOn(
  api: ReturnType<typeof contractApi>,
  options: Partial<Parameters<typeof createThread>[0]> = {},
) {
  return createThread({
    api,
    i18n: createI18n("en", en),
    site: "default",
    page: "/post/",
    sort: "oldest",
    editWindow: 900,
    ...options,
  });
}

describe("the thread's live events", () => {
  it("does not count the reader's own comment as new when the stream brings it before the POST's answer", async () => {
    vi.useRealTimers();
    sessionStorage.clear();
    localStorage.clear();
    const api = contractApi();
    const waiting: number[] = [];
    const thread = threadOn(api, { onFresh: (n) => waiting.push(n) });
    await thread.load("oldest");
    // The stream is quicker than the POST's answer: the comment arrives as anyone's.
    const create = api.create.bind(api);
    let arrived: () => void = () => {};
    api.create = async (body) => {
      const r = await create(body);
      expect(thread.live("comment", r.comment)).toBe(1);
      await new Promise<void>((go) => {
        arrived = go;
      });
      return r;
    };
    const posting = thread.post({ name: "Ana", body: "Mine" }, null);
    await vi.waitFor(() => expect(api.sent).toHaveLength(1));
    arrived();
    expect(await posting).toBeNull();
    // The answer says it is ours: nothing waits any more, and the notice is told.
    expect(waiting).toEqual([0]);
    expect(thread.live("comment", comment("x1", null, "Bo"))).toBe(1);
    thread.showFresh();
    expect(thread.live("vote", { id: "x1", score: 1 })).toBe(0);
  });
});

describe("the app's live events beyond comments", () => {
  it("shows a lock at once, and reads the thread again when told to reload", async () => {
    vi.useRealTimers();
    const api = contractApi();
    api.comments.push(comment("a", null, "Ann"));
    const thread = threadOn(api);
    await thread.load("oldest");
    expect(thread.$meta.get().page?.locked).toBe(false);
    thread.live("page", { locked: true });
    expect(thread.$meta.get().page?.locked).toBe(true);
    thread.live("page", { locked: false });
    expect(thread.$meta.get().page?.locked).toBe(false);
    // Meanwhile, more than the stream could catch up: the thread is read again.
    api.comments.push(comment("b", null, "Bo"));
    const lists = api.calls.filter((c) => c === "list").length;
    thread.live("reload", { reason: "behind" });
    await vi.waitFor(() => expect(thread.$meta.get().phase).toBe("ready"));
    expect(api.calls.filter((c) => c === "list")).toHaveLength(lists + 1);
    expect(thread.tree.kids[""]).toEqual(["a", "b"]);
  });
});
