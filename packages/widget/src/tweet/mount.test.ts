import twitter from "twitter-text";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mountClickToTweet } from "./mount.js";

const LONG = "Mieux que s'organiser : passer de choix par défaut à des choix stratégiques ! "
  .repeat(6)
  .trim();

function quote(text: string): HTMLElement {
  const el = document.createElement("blockquote");
  el.textContent = text;
  document.body.append(el);
  return el;
}
const href = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLAnchorElement>("a.p")!.href;
const posted = (el: HTMLElement) => new URL(href(el)).searchParams.get("text")!;

afterEach(() => document.body.replaceChildren());

describe("mountClickToTweet (npm)", () => {
  it("points a post that surely fits at X at once, without the counter", () => {
    const el = quote("A short quote.");
    mountClickToTweet(el, { url: "https://blog.example/p/" });
    expect(posted(el)).toBe("A short quote.");
    expect(new URL(href(el)).searchParams.get("url")).toBe("https://blog.example/p/");
  });

  it("shortens a long post to X's limit once the counter's chunk has loaded", async () => {
    const el = quote(LONG);
    const unmount = mountClickToTweet(el, { url: "https://blog.example/p/", via: "selma" });
    await vi.waitFor(() => expect(posted(el).endsWith("…")).toBe(true));
    const sent = `${posted(el)} https://blog.example/p/ via @selma`;
    expect(twitter.parseTweet(sent).weightedLength).toBeLessThanOrEqual(280);
    unmount();
    expect(el.shadowRoot!.querySelector("a.p")).toBeNull();
  });
});
