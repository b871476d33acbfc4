import { afterEach, describe, expect, it } from "vitest";
import { countShare } from "./beacon.js";
import { mountShareBar } from "./share-bar.js";

afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
});

function bar(attrs = ""): HTMLElement {
  document.body.innerHTML = `<div data-causette-share ${attrs}></div>`; // fixture
  return document.body.firstElementChild as HTMLElement;
}

describe("mountShareBar", () => {
  it("shows the total and one named link per known network, in the order asked", () => {
    const el = bar('data-networks="x, facebook, nope, pinterest"');
    mountShareBar(el, { locale: "en", page: "/p/" });
    const root = el.shadowRoot!;
    expect(root.querySelector(".t")!.textContent).toBe("0 shares");
    expect(root.querySelector("[role=group]")!.getAttribute("aria-label")).toBe("Share this page");
    const links = [...root.querySelectorAll("a")];
    expect(links.map((a) => a.textContent)).toEqual(["X", "Facebook", "Pinterest"]);
    expect(links.map((a) => a.target)).toEqual(["_blank", "_blank", "_blank"]);
    expect(links[1]!.getAttribute("aria-label")).toBe("Share on Facebook (opens in a new window)");
  });

  it("adds a click on this page to the total and to the network's pill, as the server counts it", () => {
    const el = bar();
    mountShareBar(el, { locale: "fr", page: "/p/" });
    const root = el.shadowRoot!;
    expect(root.querySelector(".t")!.textContent).toBe("0 partage");
    countShare(undefined, undefined, "/p/", "x");
    countShare(undefined, undefined, "/other/", "x");
    countShare(undefined, undefined, "/p/", "bluesky");
    expect(root.querySelector(".t")!.textContent).toBe("2 partages");
    const x = root.querySelector("a")!;
    expect(x.textContent).toBe("X 1");
    expect(x.getAttribute("aria-label")).toBe("Partager sur X 1 (s’ouvre dans une nouvelle fenêtre)");
  });

  it("adds nothing for a second click on the same network within the hour: the server does not count it", () => {
    document.body.innerHTML = "<div></div><div></div>"; // fixture: two bars for one page
    const [el, other] = [...document.body.children] as HTMLElement[];
    mountShareBar(el!, { locale: "en", page: "/q/" });
    mountShareBar(other!, { locale: "en", page: "/q/" });
    countShare(undefined, undefined, "/q/", "x");
    countShare(undefined, undefined, "/q/", "x");
    countShare(undefined, undefined, "/q/", "x");
    // Both bars of the page agree.
    for (const b of [el!, other!]) expect(b.shadowRoot!.querySelector(".t")!.textContent).toBe("1 share");
    // An hour later the server counts it again.
    const hour = 3_600_000;
    const key = Object.keys(localStorage).find((k) => k.startsWith("causette:shared|"))!;
    localStorage[key] = Date.now() - hour;
    countShare(undefined, undefined, "/q/", "x");
    expect(el!.shadowRoot!.querySelector(".t")!.textContent).toBe("2 shares");
  });

  it("labels e-mail as e-mail, without a new window", () => {
    const el = bar();
    mountShareBar(el, { locale: "fr", page: "/m/", networks: ["email"] });
    const mail = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[href^="mailto:"]')!;
    expect(mail.getAttribute("aria-label")).toBe("Partager par E-mail");
    expect(mail.hasAttribute("target")).toBe(false);
  });

  it("unmounts: the listener goes and the owner's markup shows again", () => {
    const el = bar();
    const unmount = mountShareBar(el, { locale: "en", page: "/p/" });
    unmount();
    countShare(undefined, undefined, "/p/", "x");
    expect(el.shadowRoot!.querySelector("slot")).not.toBeNull();
    expect(el.shadowRoot!.querySelector(".t")).toBeNull();
  });
});

describe("the system's share sheet", () => {
  it("is offered where the browser has navigator.share, and counted once the reader shares", async () => {
    const shared: ShareData[] = [];
    Object.defineProperty(navigator, "share", {
      configurable: true,
      value: async (data: ShareData) => {
        shared.push(data);
      },
    });
    try {
      const el = bar('data-networks="x"');
      mountShareBar(el, { locale: "en", page: "/p/", url: "https://blog.example/p/", text: "A post" });
      const button = el.shadowRoot!.querySelector("button")!;
      expect(button.textContent).toBe("Share…");
      button.click();
      await new Promise((r) => setTimeout(r, 0));
      expect(shared).toEqual([{ title: document.title, text: "A post", url: "https://blog.example/p/" }]);
      expect(el.shadowRoot!.querySelector(".t")!.textContent).toBe("1 share");
    } finally {
      Reflect.deleteProperty(navigator, "share");
    }
  });
});
