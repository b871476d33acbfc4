import { afterEach, describe, expect, it } from "vitest";
import type { Chunk } from "../core/config.js";
import * as light from "./chunk.js";
import { startLight } from "./start.js";

afterEach(() => {
  document.body.replaceChildren();
});

/** A `chunk` that records what the loader asks for (and never answers: nothing is started). */
function recorder() {
  const asked: string[] = [];
  const chunk = ((file: string) => {
    asked.push(file);
    return new Promise(() => {});
  }) as Chunk;
  return { asked, chunk };
}

describe("startLight (the loader's part)", () => {
  it("fetches nothing on a page without quote boxes, share bars or counts", () => {
    document.body.innerHTML = "<blockquote>Not ours</blockquote><div id='causette'></div>"; // fixture
    const { asked, chunk } = recorder();
    startLight(chunk, { server: "" });
    expect(asked).toEqual([]);
  });

  it.each([
    "<blockquote data-causette-tweet>A quote</blockquote>",
    '<span class="bctt-click-to-tweet"><span class="bctt-ctt-text">A quote</span></span>',
    "<div data-causette-share></div>",
    "<div data-causette-share></div><span data-causette-count>Comments</span>",
  ])("fetches light.js once for %s", (html) => {
    document.body.innerHTML = html + html; // fixture: two of a kind, one request
    const { asked, chunk } = recorder();
    startLight(chunk, { server: "" });
    expect(asked).toEqual(["light.js"]);
  });

  it("fetches counts.js alone for a page with counts only (an index of posts)", () => {
    document.body.innerHTML =
      "<a href='/a/' data-causette-count>Comments</a><a href='/b/' data-causette-count>Comments</a>"; // fixture
    const { asked, chunk } = recorder();
    startLight(chunk, { server: "" });
    expect(asked).toEqual(["counts.js"]);
  });
});

describe("light.js start", () => {
  it("draws every quote box and share bar of the page", () => {
    // fixture
    document.body.innerHTML = `
      <blockquote data-causette-tweet data-via="selma">First quote</blockquote>
      <blockquote data-causette-tweet>Second quote</blockquote>
      <div data-causette-share data-networks="x,email"></div>`;
    light.start({ server: "", page: "/post/" });
    const boxes = [...document.querySelectorAll<HTMLElement>("blockquote[data-causette-tweet]")];
    const buttons = boxes.map((b) => b.shadowRoot!.querySelector<HTMLAnchorElement>("a.p")!);
    expect(buttons.map((a) => a.getAttribute("aria-label"))).toEqual([
      "Click to Tweet (opens in a new window)",
      "Click to Tweet (opens in a new window)",
    ]);
    expect(new URL(buttons[0]!.href).searchParams.get("via")).toBe("selma");
    const bar = document.querySelector<HTMLElement>("[data-causette-share]")!.shadowRoot!;
    expect([...bar.querySelectorAll("a")].map((a) => a.getAttribute("aria-label"))).toEqual([
      "Share on X (opens in a new window)",
      "Share by E-mail",
    ]);
  });
});

describe("light.js start, when an element cannot host a part", () => {
  it("keeps that element's markup and draws the others", () => {
    // fixture
    document.body.innerHTML = `
      <blockquote data-causette-tweet>Refused</blockquote>
      <blockquote data-causette-tweet>Drawn</blockquote>
      <div data-causette-share data-networks="x">Refused</div>
      <div data-causette-share data-networks="x"></div>`;
    // As Chromium refuses a shadow root to a <li> or a <figure>.
    for (const el of document.querySelectorAll<HTMLElement>("[data-causette-tweet], [data-causette-share]"))
      if (el.textContent === "Refused")
        el.attachShadow = () => {
          throw new DOMException("This element does not support attachShadow", "NotSupportedError");
        };
    light.start({ server: "", page: "/post/" });
    const drawn = [...document.querySelectorAll("[data-causette-tweet], [data-causette-share]")].map((el) => [
      el.textContent,
      !!el.shadowRoot?.querySelector("a"),
    ]);
    expect(drawn).toEqual([
      ["Refused", false],
      ["Drawn", true],
      ["Refused", false],
      ["", true],
    ]);
  });
});
