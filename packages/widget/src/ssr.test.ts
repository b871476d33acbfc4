import type { Comment, PageInfo } from "@causette/types";
import { fireEvent, waitFor, within } from "@testing-library/preact";
import { h, hydrate } from "preact";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { comment, contractApi } from "../test/contract-api.js";
import { App } from "./comments/app.js";
import { en } from "./i18n/en.js";
import { createI18n } from "./i18n/index.js";
import { renderThread, THREAD_MARK, type ThreadResponse } from "./ssr.js";
import { createThread } from "./stores/thread.js";

const SERVER = "https://comments.example.org";
const PAGE: PageInfo = { id: "/post/", title: null, url: null, commentCount: 4, locked: false };

function thread(comments: Comment[], nextCursor: string | null = null): ThreadResponse {
  return {
    page: { ...PAGE, commentCount: comments.length },
    comments,
    nextCursor,
    formToken: "secret-token",
  };
}

const options = { lang: "en", sort: "oldest", site: "default", page: "/post/", server: SERVER } as const;

/** Parses a fragment as a browser would, in a container of the document. */
function parse(html: string): HTMLElement {
  const box = document.createElement("div");
  box.innerHTML = html;
  document.body.append(box);
  return box;
}

/** The app's store for the test thread, as the browser makes it. */
const appThread = (anonymous: boolean) =>
  createThread({
    api: contractApi(),
    i18n: createI18n("en", en),
    site: "default",
    page: "/post/",
    sort: "oldest",
    server: SERVER,
    editWindow: 900,
    anonymous,
  });

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => {
  document.body.innerHTML = "";
});

describe("renderThread (the server's HTML of a thread)", () => {
  const comments = [
    comment("a", null, "Ann", {
      author: { name: "Ann", website: "https://ann.example/", avatar: "ab12", isModerator: false },
      score: 3,
    }),
    comment("b", "a", "Ben"),
    comment("c", null, "Gone", { status: "deleted", html: "" }),
    comment("d", "c", "Dan"),
  ];

  it("nests replies' articles in their parents', with schema.org Comment microdata", () => {
    const box = parse(renderThread(thread(comments), options));
    const root = box.querySelector(`[${THREAD_MARK}]`)!;
    expect(root.tagName).toBe("SECTION");
    expect(root.getAttribute(THREAD_MARK)).toBe("oldest");
    const ann = box.querySelector("#comment-a")!;
    expect(ann.getAttribute("itemtype")).toBe("https://schema.org/Comment");
    expect(ann.hasAttribute("itemscope")).toBe(true);
    expect(ann.hasAttribute("itemprop")).toBe(false);
    const author = ann.querySelector('[itemprop="author"]')!;
    expect(author.getAttribute("itemtype")).toBe("https://schema.org/Person");
    expect(author.querySelector('[itemprop="name"]')!.textContent).toBe("Ann");
    expect(author.querySelector('[itemprop="url"]')!.getAttribute("href")).toBe("https://ann.example/");
    const time = ann.querySelector('time[itemprop="dateCreated"]')!;
    expect(time.getAttribute("datetime")).toBe(comments[0]!.createdAt);
    expect(ann.querySelector('[itemprop="text"]')!.innerHTML).toBe("<p>Said by Ann</p>");
    expect(ann.querySelector('[itemprop="upvoteCount"]')!.textContent).toBe("3");
    const ben = box.querySelector("#comment-b")!;
    expect(ben.parentElement!.closest("article")).toBe(ann);
    expect(ben.getAttribute("itemprop")).toBe("comment");
    // Ben gave no website: his name is no link.
    expect(ben.querySelector('[itemprop="url"]')).toBeNull();
  });

  it("keeps a deleted comment with replies as a placeholder that is no Comment", () => {
    const box = parse(renderThread(thread(comments), options));
    const gone = box.querySelector("#comment-c")!;
    expect(gone.textContent).toContain("Comment deleted");
    expect(gone.hasAttribute("itemscope")).toBe(false);
    expect(box.querySelector("#comment-d")!.parentElement!.closest("article")).toBe(gone);
  });

  it("has controls as buttons, sort links and a 'more comments' link to the server's HTML", () => {
    const box = parse(renderThread(thread(comments, "next-page"), options));
    // Ann, Ben and Dan's (not the placeholder's).
    expect(within(box).getAllByRole("button", { name: "Reply" })).toHaveLength(3);
    expect(within(box).getByRole("button", { name: "Post comment" })).toBeTruthy();
    expect(within(box).getByRole("textbox", { name: "Comment" })).toBeTruthy();
    const sorts = within(within(box).getByRole("navigation", { name: "Sort" })).getAllByRole("link");
    expect(sorts.map((a) => a.textContent)).toEqual(["Oldest", "Newest", "Top"]);
    expect(sorts[0]!.getAttribute("aria-current")).toBe("true");
    const newest = new URL(sorts[1]!.getAttribute("href")!);
    expect(newest.origin + newest.pathname).toBe(`${SERVER}/api/comments.html`);
    expect(Object.fromEntries(newest.searchParams)).toEqual({
      site: "default",
      page: "/post/",
      sort: "newest",
      lang: "en",
    });
    const more = new URL(within(box).getByRole("link", { name: "Load more comments" }).getAttribute("href")!);
    expect(more.searchParams.get("cursor")).toBe("next-page");
  });

  it("carries no script, no style attribute, no event handler and no form token", () => {
    // A hostile name; the body as the server's sanitizer left it.
    const evil = comment("x", null, '<script>alert(1)</script><img src=x onerror="alert(2)">', {
      html: "<p>alert(1)</p>",
    });
    const html = renderThread(thread([...comments, evil]), options);
    const box = parse(html);
    expect(box.querySelectorAll("script, style, [style]")).toHaveLength(0);
    for (const el of box.querySelectorAll("*"))
      for (const a of el.attributes) expect(a.name.startsWith("on"), `${el.tagName} ${a.name}`).toBe(false);
    expect(box.querySelector("#n-x")!.textContent).toBe(
      '<script>alert(1)</script><img src=x onerror="alert(2)">',
    );
    expect(html).not.toContain("secret-token");
  });

  it("speaks French when asked, on the same tree", () => {
    const box = parse(renderThread(thread(comments), { ...options, lang: "fr" }));
    expect(box.querySelector("h2")!.textContent).toBe("4 commentaires");
    expect(within(box).getAllByRole("button", { name: "Répondre" })).toHaveLength(3);
    expect(box.querySelector("section")!.getAttribute("lang")).toBe("fr");
  });

  it("is the tree the app hydrates: no element is replaced, and typed text stays", async () => {
    const data = thread(comments);
    const box = parse(renderThread(data, options));
    const before = [...box.querySelectorAll("*")];
    const textarea = box.querySelector("textarea")!;
    textarea.value = "typed before the app came";
    const th = appThread(false);
    th.show(data);
    hydrate(h(App, { thread: th, max: 3 }), box);
    const after = [...box.querySelectorAll("*")];
    expect(after).toHaveLength(before.length);
    expect(after.every((el, i) => el === before[i])).toBe(true);
    expect(textarea.value).toBe("typed before the app came");
    // and kept as a draft at once, as a keystroke after the app came would have kept it.
    const drafts = Object.keys(sessionStorage).filter((k) => k.startsWith("causette:draft:"));
    expect(drafts.map((k) => JSON.parse(sessionStorage.getItem(k)!).body)).toEqual([
      "typed before the app came",
    ]);
    // Interactive: Reply opens a form with the focus in its text area.
    fireEvent.click(within(box.querySelector("#comment-a")!).getAllByRole("button", { name: "Reply" })[0]!);
    await waitFor(() => expect(document.activeElement?.id).toBe("f-a-body"));
  });

  it("draws this reader's own votes and comments once hydrated (the server's HTML is everyone's)", async () => {
    localStorage.setItem(
      "causette",
      JSON.stringify({ votes: { a: 1 }, own: { b: { token: "t", at: Date.now(), body: "Said by Ben" } } }),
    );
    const data = thread(comments);
    const box = parse(renderThread(data, options));
    const like = box.querySelector<HTMLElement>('#comment-a [data-a="like"]')!;
    expect(like.getAttribute("aria-pressed")).toBe("false");
    const th = appThread(true);
    th.show(data);
    hydrate(h(App, { thread: th, max: 3 }), box);
    th.personalize();
    await waitFor(() => expect(like.getAttribute("aria-pressed")).toBe("true"));
    expect(box.querySelector("#comment-a")!.contains(like)).toBe(true);
    expect(
      within(box.querySelector<HTMLElement>("#comment-b")!).getByRole("button", { name: "Edit" }),
    ).toBeTruthy();
  });
  it("renders a comment on a passage with its quotation and its anchor (issue #17), kept by hydration", () => {
    const anchor = { exact: 'words "<b>&</b>"', prefix: "so, the ", suffix: " end here" };
    const data = thread([comment("p", null, "Pia", { anchor }), comment("q", null, "Quinn")]);
    const box = parse(renderThread(data, options));
    // The loader reads the anchors here, without asking for the thread's JSON.
    const article = box.querySelector<HTMLElement>("#comment-p")!;
    expect(JSON.parse(article.dataset.anchor!)).toEqual(anchor);
    expect(box.querySelector("#comment-q")!.hasAttribute("data-anchor")).toBe(false);
    // The quotation, hostile words as text, its link a Text Fragment of this page.
    const link = article.querySelector<HTMLAnchorElement>("figure.pq blockquote a")!;
    expect(link.textContent).toBe(anchor.exact);
    expect(box.querySelector("figure.pq b")).toBeNull();
    expect(link.getAttribute("href")).toBe(`#:~:text=the-,words%20%22%3Cb%3E%26%3C%2Fb%3E%22,-end`);
    const before = [...box.querySelectorAll("*")];
    const th = appThread(true);
    th.show(data);
    hydrate(h(App, { thread: th, max: 3 }), box);
    const after = [...box.querySelectorAll("*")];
    expect(after.every((el, i) => el === before[i])).toBe(true);
  });
});
