import { describe, expect, it } from "vitest";
import { graphemeCount } from "../tweet/shorten.js";
import { mastodonHost } from "./links.js";
import { shareUrl } from "./networks.js";

const post = { text: "Q & A: «oui» 👍🏽", url: "https://blog.example/p/?a=1&b=2", title: "A post" };
const enc = encodeURIComponent;

describe("shareUrl", () => {
  it.each([
    ["x", `https://x.com/intent/tweet?text=${enc(post.text)}&url=${enc(post.url)}`],
    ["bluesky", `https://bsky.app/intent/compose?text=${enc(`${post.text} ${post.url}`)}`],
    ["mastodon", `https://mastodon.social/share?text=${enc(`${post.text} ${post.url}`)}`],
    ["threads", `https://www.threads.net/intent/post?text=${enc(`${post.text} ${post.url}`)}`],
    ["linkedin", `https://www.linkedin.com/sharing/share-offsite/?url=${enc(post.url)}`],
    ["facebook", `https://www.facebook.com/sharer/sharer.php?u=${enc(post.url)}`],
    [
      "pinterest",
      `https://www.pinterest.com/pin/create/button/?url=${enc(post.url)}&description=${enc(post.text)}`,
    ],
    ["whatsapp", `https://wa.me/?text=${enc(`${post.text} ${post.url}`)}`],
    ["email", `mailto:?subject=${enc("A post")}&body=${enc(`${post.text} ${post.url}`)}`],
  ] as const)("%s", (network, expected) => {
    expect(shareUrl(network, post)).toBe(expected);
  });

  it("sends Mastodon to the reader's own server", () => {
    expect(shareUrl("mastodon", post, undefined, "piaille.fr")).toMatch(
      /^https:\/\/piaille\.fr\/share\?text=/,
    );
  });

  it("keeps Bluesky posts within 300 graphemes, URL included, without splitting an emoji", () => {
    const text = "👨‍👩‍👧‍👦 mot ".repeat(200);
    const href = new URL(shareUrl("bluesky", { text, url: post.url }));
    const posted = href.searchParams.get("text")!;
    expect(graphemeCount(posted)).toBeLessThanOrEqual(300);
    expect(posted.endsWith(`… ${post.url}`)).toBe(true);
  });

  it("adds the page's image for Pinterest", () => {
    expect(shareUrl("pinterest", { ...post, image: "https://blog.example/i.jpg" })).toContain(
      `&media=${enc("https://blog.example/i.jpg")}`,
    );
  });
});

describe("mastodonHost", () => {
  it.each([
    ["mastodon.social", "mastodon.social"],
    ["https://Piaille.FR/@me", "piaille.fr"],
    ["  social.example:8443/ ", "social.example:8443"],
    ["@me@mastodon.social", null],
    ["javascript:alert(1)", null],
    ["not a host", null],
    [null, null],
  ])("%s → %s", (input, expected) => {
    expect(mastodonHost(input)).toBe(expected);
  });
});
