// The e-mail notification boxes of the comment form (issue #14): shown only when the server
// sends mail and an e-mail is typed; `notify` is posted only with an e-mail.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { h } from "preact";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { contractApi } from "../../test/contract-api.js";
import { en } from "../i18n/en.js";
import { fr, frenchSpaces } from "../i18n/fr.js";
import { createI18n } from "../i18n/index.js";
import { renderThread } from "../ssr.js";
import { createThread } from "../stores/thread.js";
import { App } from "./app.js";

async function setup(mail: boolean, french = false) {
  const api = contractApi(50, mail);
  const thread = createThread({
    api,
    i18n: french ? createI18n("fr", fr, frenchSpaces) : createI18n("en", en),
    site: "default",
    page: "/post/",
    sort: "oldest",
    editWindow: 900,
  });
  render(h(App, { thread, max: 3 }));
  await thread.load();
  await screen.findByRole("button", { name: french ? "Publier" : "Post comment" });
  return api;
}

const REPLIES = "E-mail me replies to my comment";
const ALL = "E-mail me all new comments on this post";
const type = (name: string, value: string) =>
  fireEvent.input(screen.getByRole("textbox", { name }), { target: { value } });

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(cleanup);

describe("the e-mail notification boxes", () => {
  it("show once an e-mail is typed, off by default, and go when it is cleared", async () => {
    await setup(true);
    expect(screen.queryByRole("checkbox", { name: REPLIES })).toBeNull();
    type("E-mail", "ana@example.test");
    const replies = (await screen.findByRole("checkbox", { name: REPLIES })) as HTMLInputElement;
    const all = screen.getByRole("checkbox", { name: ALL }) as HTMLInputElement;
    expect([replies.checked, all.checked]).toEqual([false, false]);
    type("E-mail", "");
    await waitFor(() => expect(screen.queryByRole("checkbox", { name: REPLIES })).toBeNull());
    expect(screen.queryByRole("checkbox", { name: ALL })).toBeNull();
  });

  it("never show when the server sends no mail", async () => {
    await setup(false);
    type("E-mail", "ana@example.test");
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole("checkbox", { name: REPLIES })).toBeNull();
    expect(screen.getByRole("checkbox", { name: "Remember me" })).toBeTruthy();
  });

  it("post notify with the e-mail: 'replies', 'all' (which wins when both are ticked), none when unticked", async () => {
    const api = await setup(true);
    const post = async (body: string, tick: string[]) => {
      type("Name", "Ana");
      type("E-mail", "ana@example.test");
      await screen.findByRole("checkbox", { name: REPLIES });
      for (const name of [REPLIES, ALL]) {
        const box = screen.getByRole("checkbox", { name }) as HTMLInputElement;
        if (box.checked !== tick.includes(name)) fireEvent.click(box);
      }
      type("Comment", body);
      fireEvent.click(screen.getByRole("button", { name: "Post comment" }));
      await waitFor(() => expect(api.sent.at(-1)?.body).toBe(body));
      return api.sent.at(-1)!;
    };
    expect((await post("one", [REPLIES])).notify).toBe("replies");
    expect((await post("two", [REPLIES, ALL])).notify).toBe("all");
    expect((await post("three", [])).notify).toBeUndefined();
    expect((await post("four", [ALL])).author.email).toBe("ana@example.test");
    expect(api.sent.at(-1)!.notify).toBe("all");
  });

  it("come back ticked from the draft after a reload, and the restored choice is posted", async () => {
    for (const [tick, restored] of [
      [[REPLIES], "replies"],
      [[ALL], "all"],
      // Both ticked post "all" (which includes the replies): the draft keeps that.
      [[REPLIES, ALL], "all"],
    ] as const) {
      sessionStorage.clear();
      await setup(true);
      type("Name", "Ana");
      type("E-mail", "ana@example.test");
      for (const name of tick) fireEvent.click(await screen.findByRole("checkbox", { name }));
      type("Comment", `kept over a reload (${restored})`);
      cleanup(); // the reload: the page goes, sessionStorage stays
      const api = await setup(true);
      const replies = (await screen.findByRole("checkbox", { name: REPLIES })) as HTMLInputElement;
      const all = screen.getByRole("checkbox", { name: ALL }) as HTMLInputElement;
      expect([replies.checked, all.checked]).toEqual([restored === "replies", restored === "all"]);
      fireEvent.click(screen.getByRole("button", { name: "Post comment" }));
      await waitFor(() => expect(api.sent).toHaveLength(1));
      expect(api.sent[0]).toMatchObject({ body: `kept over a reload (${restored})`, notify: restored });
      cleanup();
    }
  });

  it("send no notify without an e-mail, even after ticking a box", async () => {
    const api = await setup(true);
    type("Name", "Ana");
    type("E-mail", "ana@example.test");
    fireEvent.click(await screen.findByRole("checkbox", { name: REPLIES }));
    type("E-mail", "");
    type("Comment", "no address");
    fireEvent.click(screen.getByRole("button", { name: "Post comment" }));
    await waitFor(() => expect(api.sent).toHaveLength(1));
    expect(api.sent[0]!.notify).toBeUndefined();
    expect(api.sent[0]!.author.email).toBeUndefined();
  });

  it("are in French, and a remembered e-mail shows them at once", async () => {
    localStorage.clear();
    sessionStorage.setItem(
      "causette:who",
      JSON.stringify({ name: "Ana", email: "ana@example.test", body: "" }),
    );
    await setup(true, true);
    expect(
      await screen.findByRole("checkbox", {
        name: "M’envoyer un e-mail pour les réponses à mon commentaire",
      }),
    ).toBeTruthy();
    expect(
      screen.getByRole("checkbox", {
        name: "M’envoyer un e-mail pour chaque nouveau commentaire de cet article",
      }),
    ).toBeTruthy();
  });

  it("are not in the server's HTML (no e-mail is typed there): the app's first render is the same tree", () => {
    const out = renderThread(
      {
        page: { id: "/post/", title: null, url: null, commentCount: 0, locked: false },
        comments: [],
        nextCursor: null,
        mail: true,
      },
      { lang: "en", sort: "oldest", site: "default", page: "/post/", server: "http://c.test" },
    );
    expect(out).toContain('name="email"');
    expect(out).not.toContain('name="notify"');
  });
});
