import twitter from "twitter-text";
import { afterEach, describe, expect, it } from "vitest";
import * as links from "../share/links.js";
import * as compose from "./compose.js";
import { drawQuoteBox } from "./quote-box.js";
import { readPost, upgradeQuoteBox } from "./quote-upgrade.js";

const LONG = "Mieux que s'organiser : passer de choix par défaut à des choix stratégiques ! "
  .repeat(6)
  .trim();

function mount(html: string): HTMLElement {
  document.body.innerHTML = html; // test fixture markup, written here
  return document.body.firstElementChild as HTMLElement;
}
const shadow = (el: HTMLElement) => el.shadowRoot!;
const button = (el: HTMLElement) => shadow(el).querySelector<HTMLAnchorElement>("a.p")!;

afterEach(() => {
  document.body.replaceChildren();
  document.head.replaceChildren();
});

describe("French quote boxes", () => {
  it("put a narrow no-break space before ! ? : ; where the text has a space, so the mark never starts a line", () => {
    const el = mount(
      `<div lang="fr"><blockquote data-causette-tweet>Vraiment ? Oui : c’est ça ; enfin !</blockquote></div>`,
    ).firstElementChild as HTMLElement;
    upgradeQuoteBox(drawQuoteBox(el), {}, { links, compose });
    expect(shadow(el).querySelector(".q")!.textContent).toBe(
      "Vraiment\u202f? Oui\u202f: c’est ça\u202f; enfin\u202f!",
    );
    // English text is left as written.
    const en = mount(`<blockquote data-causette-tweet lang="en">Really ? Yes !</blockquote>`);
    upgradeQuoteBox(drawQuoteBox(en), {}, { links, compose });
    expect(shadow(en).querySelector(".q")!.textContent).toBe("Really ? Yes !");
  });
});

describe("drawQuoteBox", () => {
  it("draws the quote and one labelled button in the element's shadow root", () => {
    const el = mount(
      `<blockquote data-causette-tweet>  A   quote <a href="https://x.com/intent/tweet?text=A%20quote" data-causette-fallback>Tweet</a></blockquote>`,
    );
    const box = drawQuoteBox(el, { locale: "en" });
    expect(shadow(el).querySelector(".q")!.textContent).toBe("A quote");
    expect(box.quote).toBe("A quote");
    const a = button(el);
    expect(a.textContent).toBe("Click to Tweet");
    expect(a.getAttribute("aria-label")).toBe("Click to Tweet (opens in a new window)");
    expect(a.target).toBe("_blank");
    expect(a.rel).toBe("noopener");
    // Until the exact counter loads, it goes where the no-JS link goes.
    expect(a.href).toBe("https://x.com/intent/tweet?text=A%20quote");
    expect(shadow(el).getElementById(a.getAttribute("aria-describedby")!)!.textContent).toBe("A quote");
    // The shadow root has no slot: the light DOM (and its link) is not rendered twice.
    expect(shadow(el).querySelector("slot")).toBeNull();
    box.unmount();
    expect(shadow(el).querySelector("slot")).not.toBeNull();
  });

  it("builds a plain intent from the quote and the canonical URL when there is no link", () => {
    document.head.innerHTML = '<link rel="canonical" href="https://blog.example/p/">';
    const el = mount("<p data-causette-tweet>Q &amp; A</p>");
    drawQuoteBox(el);
    const url = new URL(button(el).href);
    expect(url.searchParams.get("text")).toBe("Q & A");
    expect(url.searchParams.get("url")).toBe("https://blog.example/p/");
  });

  it("speaks French and follows a forced or a dark theme", () => {
    const el = mount("<div data-causette-tweet>Citation</div>");
    drawQuoteBox(el, { locale: "fr-CA", theme: "dark" });
    expect(button(el).textContent).toBe("Cliquez pour tweeter");
    expect(button(el).getAttribute("aria-label")).toBe(
      "Cliquez pour tweeter (s’ouvre dans une nouvelle fenêtre)",
    );
    expect(shadow(el).querySelector(".b")!.classList.contains("d")).toBe(true);
    const light = mount('<div data-causette-tweet style="color: rgb(20, 20, 20)">Quote</div>');
    drawQuoteBox(light, { locale: "en" });
    expect(shadow(light).querySelector(".b")!.classList.contains("d")).toBe(false);
  });

  it("upgrades Better Click To Tweet's markup, keeping its post", () => {
    const link =
      "https://twitter.com/intent/tweet?url=https%3A%2F%2Fblog.example%2Fp%2F&text=Short%20one&via=selma&related=selma";
    const el = mount(
      `<span class="bctt-click-to-tweet"><span class="bctt-ctt-text"><a href="${link}">The quote as shown </a></span><a href="${link}" class="bctt-ctt-btn">Click To Tweet</a></span>`,
    );
    const box = drawQuoteBox(el);
    expect(box.quote).toBe("The quote as shown");
    const post = readPost(el, box.quote);
    expect(post).toMatchObject({
      text: "Short one",
      url: "https://blog.example/p/",
      via: "selma",
      related: ["selma"],
    });
  });
});

describe("upgradeQuoteBox", () => {
  it("takes options over data-* over the link, and shortens the post to fit 280", () => {
    const el = mount(
      `<blockquote data-causette-tweet data-via="@data" data-hashtags="#a, b" data-url="https://blog.example/x/" data-networks="bluesky,nope,mastodon">${LONG}</blockquote>`,
    );
    const box = drawQuoteBox(el);
    upgradeQuoteBox(box, { via: "option" }, { links, compose });
    const p = new URL(button(el).href).searchParams;
    expect(p.get("via")).toBe("option");
    expect(p.get("hashtags")).toBe("a,b");
    expect(p.get("url")).toBe("https://blog.example/x/");
    const text = p.get("text")!;
    expect(text.endsWith("…")).toBe(true);
    expect(
      twitter.parseTweet(`${text} https://blog.example/x/ #a #b via @option`).weightedLength,
    ).toBeLessThanOrEqual(280);
    // Known networks only, after X's button.
    const names = [...shadow(el).querySelectorAll("a")].map((a) => a.getAttribute("aria-label"));
    expect(names).toEqual([
      "Click to Tweet (opens in a new window)",
      "Share on Bluesky (opens in a new window)",
      "Share on Mastodon (opens in a new window)",
    ]);
  });

  it("prefers data-tweet-text to the quote shown", () => {
    const el = mount(
      '<blockquote data-causette-tweet data-tweet-text="Posted words">Shown words</blockquote>',
    );
    const box = drawQuoteBox(el);
    upgradeQuoteBox(box, {}, { links, compose });
    expect(new URL(button(el).href).searchParams.get("text")).toBe("Posted words");
    expect(shadow(el).querySelector(".q")!.textContent).toBe("Shown words");
  });

  it("fetches the exact counter only for a post that may not fit", async () => {
    let fetched = 0;
    const deps = {
      links,
      compose: async () => {
        fetched++;
        return compose;
      },
    };
    const short = mount('<blockquote data-causette-tweet data-via="selma">A short quote.</blockquote>');
    upgradeQuoteBox(drawQuoteBox(short), {}, deps);
    expect(new URL(button(short).href).searchParams.get("via")).toBe("selma");
    expect(fetched).toBe(0);
    const long = mount(`<blockquote data-causette-tweet>${LONG}</blockquote>`);
    upgradeQuoteBox(drawQuoteBox(long), {}, deps);
    expect(fetched).toBe(1);
    await expect.poll(() => new URL(button(long).href).searchParams.get("text")!.endsWith("…")).toBe(true);
  });
});
