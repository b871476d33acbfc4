import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { h } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { comment, contractApi } from "../../test/contract-api.js";
import { en } from "../i18n/en.js";
import { createI18n } from "../i18n/index.js";
import { createThread } from "../stores/thread.js";
import { App } from "./app.js";
import { mountComments } from "./mount.js";

function setup(seed = contractApi(), max = 3) {
  const thread = createThread({
    api: seed,
    i18n: createI18n("en", en),
    site: "default",
    page: "/post/",
    sort: "oldest",
    editWindow: 900,
  });
  render(h(App, { thread, max }));
  return { thread, api: seed };
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(cleanup);

describe("the thread", () => {
  it("nests each reply's <article> in its parent's up to the display depth, then lists replies flat", async () => {
    const api = contractApi();
    api.comments.push(
      comment("a", null, "Ann"),
      comment("b", "a", "Ben"),
      comment("c", "b", "Cat"),
      comment("d", "c", "Dan"),
      comment("e", null, "Eve"),
    );
    const { thread } = setup(api);
    await thread.load();
    await screen.findByRole("heading", { name: "5 comments" });
    const dan = document.getElementById("comment-d")!;
    expect(dan.tagName).toBe("ARTICLE");
    // Cat (the third level) still nests in Ben's list; Dan, deeper, follows her in that list
    // and says whom he answers.
    expect(document.getElementById("comment-c")!.parentElement!.closest("article")!.id).toBe("comment-b");
    expect(dan.parentElement!.closest("article")!.id).toBe("comment-b");
    expect(within(dan).getByText("in reply to Cat")).toBeTruthy();
    expect(within(document.getElementById("comment-c")!).queryAllByText(/in reply to/)).toHaveLength(0);
    expect(screen.getAllByRole("article").map((a) => a.id)).toEqual(
      ["a", "b", "c", "d", "e"].map((x) => `comment-${x}`),
    );
  });

  it("labels every control with the names the issue lists", async () => {
    const api = contractApi();
    api.comments.push(comment("a", null, "Ann"));
    const { thread } = setup(api);
    await thread.load();
    await screen.findByRole("article", { name: "Ann" });
    for (const name of ["Comment", "Name", "E-mail", "Website"])
      expect(screen.getByRole("textbox", { name })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Post comment" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Reply" })).toBeTruthy();
    expect(screen.getByRole("checkbox", { name: "Remember me" })).toBeTruthy();
    // The exact date is in <time datetime> and its tooltip; the text is relative.
    const time = screen.getByText("3 days ago");
    expect(time.tagName).toBe("TIME");
    expect(time.getAttribute("datetime")).toBe(api.comments[0]!.createdAt);
    expect(time.getAttribute("title")).toMatch(/\d{4}/);
  });

  it("names the author's heading with a space before the badge ('Selma Author'), and dates what is older than a week", async () => {
    const api = contractApi();
    api.comments.push(
      comment("s", null, "Selma", {
        author: { name: "Selma", website: null, avatar: "ab12", isModerator: true },
        createdAt: "2012-03-14T10:30:00.000Z",
      }),
    );
    const { thread } = setup(api);
    await thread.load();
    const heading = await screen.findByRole("heading", { level: 3 });
    expect(heading.textContent).toBe("Selma Author");
    expect(screen.getByRole("article", { name: "Selma Author" })).toBeTruthy();
    expect(screen.getByText("March 14, 2012").tagName).toBe("TIME");
  });

  it("draws avatars locally, and never links a javascript: website", async () => {
    const api = contractApi();
    api.comments.push(
      comment("a", null, "Ann", {
        author: { name: "Ann", website: "javascript:alert(1)", avatar: "ffee", isModerator: false },
      }),
      comment("b", null, "Ben", {
        author: { name: "Ben", website: "https://ben.example", avatar: "0a0b", isModerator: true },
      }),
    );
    const { thread } = setup(api);
    await thread.load();
    await screen.findByRole("article", { name: /Ben/ });
    expect(document.querySelectorAll("img")).toHaveLength(0);
    expect(document.querySelectorAll("svg[part=avatar] path")).toHaveLength(2);
    expect(within(document.getElementById("comment-a")!).queryByRole("link", { name: "Ann" })).toBeNull();
    const link = screen.getByRole("link", { name: "Ben" });
    expect(link.getAttribute("href")).toBe("https://ben.example");
    expect(link.getAttribute("rel")).toBe("nofollow ugc noopener noreferrer");
    expect(within(document.getElementById("comment-b")!).getByText("Author")).toBeTruthy();
  });

  it("shows 'Comment deleted' for a deleted comment with replies, and hides one without", async () => {
    const api = contractApi();
    api.comments.push(
      comment("a", null, "", { status: "deleted", html: "" }),
      comment("b", "a", "Ben"),
      comment("c", null, "", { status: "deleted", html: "" }),
    );
    const { thread } = setup(api);
    await thread.load();
    await screen.findByRole("article", { name: "Ben" });
    expect(screen.getAllByText("Comment deleted")).toHaveLength(1);
    expect(document.getElementById("comment-c")).toBeNull();
  });
});

describe("the stores", () => {
  it("re-renders only the root thread that changed: a vote, a live edit, an open reply form", async () => {
    const api = contractApi();
    api.comments.push(
      comment("a", null, "Ann"),
      comment("b", "a", "Ben"),
      comment("e", null, "Eve"),
      comment("f", "e", "Fay"),
    );
    const { thread } = setup(api);
    await thread.load();
    const ben = await screen.findByRole("article", { name: "Ben" });
    // Every comment drawn asks for its edit window: the ids asked for are the comments drawn.
    const drawn = vi.spyOn(thread, "timeLeft");
    const ids = () => [...new Set(drawn.mock.calls.map(([id]) => id))].sort();

    fireEvent.click(within(ben).getByRole("button", { name: "Like" }));
    await waitFor(() =>
      expect(within(ben).getByRole("button", { name: "Like" }).getAttribute("aria-pressed")).toBe("true"),
    );
    expect(within(ben).getByText("1")).toBeTruthy();
    expect(ids()).toEqual(["a", "b"]);

    drawn.mockClear();
    thread.live("comment", { ...comment("f", "e", "Fay"), html: "<p>Fay again</p>" });
    await screen.findByText("Fay again");
    expect(ids()).toEqual(["e", "f"]);

    drawn.mockClear();
    const fay = screen.getByRole("article", { name: "Fay" });
    fireEvent.click(within(fay).getByRole("button", { name: "Reply" }));
    await waitFor(() => expect(document.activeElement?.id).toBe("f-f-body"));
    expect(ids()).toEqual(["e", "f"]);
    // Closing it draws Fay's thread again (its form goes), and Ann's stays as it was.
    drawn.mockClear();
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(document.getElementById("f-f-body")).toBeNull());
    expect(ids()).toEqual(["e", "f"]);
  });

  it("renews a root thread's atom for a change anywhere in it, and no other's", async () => {
    const api = contractApi();
    api.comments.push(
      comment("a", null, "Ann"),
      comment("b", "a", "Ben"),
      comment("c", "b", "Cat"),
      comment("e", null, "Eve"),
    );
    const { thread } = setup(api);
    await thread.load();
    const heard: string[] = [];
    const stops = ["a", "e", ""].map((id) => thread.$root(id).listen(() => heard.push(id)));
    thread.live("vote", { id: "c", score: 4 });
    expect(heard).toEqual(["a"]);
    thread.toggleReply("c");
    expect(heard).toEqual(["a", "a"]);
    // Cat's form closes as Eve's opens: both threads change.
    thread.toggleReply("e");
    expect(heard).toEqual(["a", "a", "a", "e"]);
    // A new root comment renews the list of roots (the app listens to it) and its own.
    thread.live("comment", comment("n", null, "New"));
    thread.showFresh();
    expect(heard).toEqual(["a", "a", "a", "e", ""]);
    expect(thread.tree.kids[""]).toEqual(["a", "e", "n"]);
    for (const stop of stops) stop();
  });
});

describe("writing", () => {
  it("opens the reply form inline with the focus in it; Cancel returns the focus to Reply", async () => {
    const api = contractApi();
    api.comments.push(comment("a", null, "Ann"));
    const { thread } = setup(api);
    await thread.load();
    const reply = await screen.findByRole("button", { name: "Reply" });
    fireEvent.click(reply);
    await waitFor(() => expect(document.activeElement?.id).toBe("f-a-body"));
    expect(screen.getAllByRole("textbox", { name: "Comment" })).toHaveLength(2);
    expect(document.getElementById("f-a-body")!.closest("article")!.id).toBe("comment-a");
    expect(reply.getAttribute("aria-expanded")).toBe("true");
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(document.activeElement?.id).toBe("r-a"));
    expect(document.getElementById("f-a-body")).toBeNull();
    // Escape closes it too.
    fireEvent.click(reply);
    await waitFor(() => expect(document.activeElement?.id).toBe("f-a-body"));
    fireEvent.keyDown(document.getElementById("f-a-body")!, { key: "Escape" });
    await waitFor(() => expect(document.activeElement?.id).toBe("r-a"));
    expect(document.getElementById("f-a-body")).toBeNull();
  });

  it("posts a reply, shows it at once under its parent, and announces it", async () => {
    const api = contractApi();
    api.comments.push(comment("a", null, "Ann"));
    const { thread } = setup(api);
    await thread.load();
    fireEvent.click(await screen.findByRole("button", { name: "Reply" }));
    const body = document.getElementById("f-a-body") as HTMLTextAreaElement;
    body.value = "Thanks, Ann";
    (document.getElementById("f-a-name") as HTMLInputElement).value = "Bo";
    fireEvent.submit(body.form!);
    const mine = await screen.findByRole("article", { name: "Bo" });
    expect(mine.parentElement!.closest("article")!.id).toBe("comment-a");
    expect(screen.getByRole("status").textContent).toBe("Comment posted");
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("2 comments");
    // Its author may edit it: the window is shown.
    expect(within(mine).getByText("15 min left to edit")).toBeTruthy();
    expect(JSON.parse(localStorage.getItem("causette")!).own.c1.token).toBe("tok-c1");
  });

  it("puts field errors next to their fields and sends nothing", async () => {
    const { thread, api } = setup();
    await thread.load();
    const post = await screen.findByRole("button", { name: "Post comment" });
    (document.getElementById("new-email") as HTMLInputElement).value = "not-an-address";
    fireEvent.submit(post.closest("form")!);
    await screen.findAllByText("Please fill in this field.");
    const body = screen.getByRole("textbox", { name: "Comment" });
    expect(body.getAttribute("aria-invalid")).toBe("true");
    expect(body.getAttribute("aria-describedby")).toContain("new-body-e");
    expect(document.getElementById("new-email-e")!.textContent).toMatch(/valid e-mail/);
    expect(api.calls).toEqual(["list"]);
  });

  it("says when to retry after a 429 and keeps the text and the draft", async () => {
    const { thread, api } = setup();
    await thread.load();
    const body = (await screen.findByRole("textbox", { name: "Comment" })) as HTMLTextAreaElement;
    fireEvent.input(body, { target: { value: "Keep me" } });
    (document.getElementById("new-name") as HTMLInputElement).value = "Ray";
    api.failNext({ code: "rate_limited", retry: 42 });
    fireEvent.submit(body.form!);
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Too many messages in a short time. Try again in 42 seconds.",
    );
    expect(body.value).toBe("Keep me");
    expect(JSON.parse(sessionStorage.getItem("causette:draft:default:/post/:new")!).body).toBe("Keep me");
  });

  it("checks the e-mail with the shared rule before sending, and says so beside the field", async () => {
    const { thread, api } = setup();
    await thread.load();
    const body = (await screen.findByRole("textbox", { name: "Comment" })) as HTMLTextAreaElement;
    body.value = "Fine";
    (document.getElementById("new-name") as HTMLInputElement).value = "Sam";
    (document.getElementById("new-email") as HTMLInputElement).value = "sam at example";
    const sent = api.calls.length;
    fireEvent.submit(body.form!);
    await waitFor(() => expect(document.getElementById("new-email-e")?.textContent).toMatch(/e-mail/));
    expect(document.activeElement?.id).toBe("new-email");
    expect(api.calls.length).toBe(sent);
  });

  it("says what the server said when it refuses a field the shared rule accepts", async () => {
    const { thread, api } = setup();
    await thread.load();
    const body = (await screen.findByRole("textbox", { name: "Comment" })) as HTMLTextAreaElement;
    body.value = "Kept text";
    (document.getElementById("new-name") as HTMLInputElement).value = "Sam";
    api.failNext({ code: "invalid_field", field: "author.website" });
    fireEvent.submit(body.form!);
    await waitFor(() => expect(body.form!.textContent).toMatch(/invalid_field/));
    expect(body.value).toBe("Kept text");
  });
});

describe("mountComments", () => {
  it("attaches an open shadow root to the element itself, styled without a <style>, and unmounts cleanly", async () => {
    const el = document.createElement("div");
    document.body.append(el);
    // The server is down: fetch rejects as a browser's does. (A real refused port would work
    // too, but happy-dom prints each refused connection's stack trace into the test output.)
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));
    const unmount = mountComments(el, { server: "http://127.0.0.1:9", page: "/post/" });
    expect(el.shadowRoot?.mode).toBe("open");
    await waitFor(() =>
      expect(el.shadowRoot!.querySelector("[role=alert]")?.textContent).toMatch(/could not be loaded/),
    );
    expect(el.shadowRoot!.adoptedStyleSheets).toHaveLength(1);
    expect(el.shadowRoot!.querySelector("style")).toBeNull();
    expect(el.shadowRoot!.querySelector("textarea")).toBeTruthy();
    unmount();
    expect(el.shadowRoot!.childNodes).toHaveLength(0);
    el.remove();
    vi.unstubAllGlobals();
  });
  /** Mounts with `fetch` answering the thread after `delay` ms; returns the headings shown, in order. */
  async function headings(delay: number): Promise<string[]> {
    const body = {
      page: { id: "/post/", title: null, url: null, commentCount: 1, locked: false },
      comments: [comment("a", null, "Ann")],
      nextCursor: null,
    };
    vi.stubGlobal(
      "fetch",
      () =>
        new Promise<Response>((ok) =>
          setTimeout(() => ok(new Response(JSON.stringify(body), { status: 200 })), delay),
        ),
    );
    const el = document.createElement("div");
    document.body.append(el);
    const seen: string[] = [];
    const unmount = mountComments(el, { server: "http://127.0.0.1:9", page: "/post/" });
    new MutationObserver(() => {
      const h = el.shadowRoot!.querySelector("h2")?.textContent;
      if (h && h !== seen.at(-1)) seen.push(h);
    }).observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
    await waitFor(() => expect(el.shadowRoot!.querySelector("article")).toBeTruthy(), { timeout: 3000 });
    unmount();
    el.remove();
    vi.unstubAllGlobals();
    return seen;
  }

  it("draws the thread in its first render when it comes soon: no empty thread first", async () => {
    expect(await headings(20)).toEqual(["1 comment"]);
  });

  it("shows the loading state while a slow thread travels", async () => {
    expect(await headings(700)).toEqual(["Loading comments…", "1 comment"]);
  });
});
