import { afterEach, describe, expect, it } from "vitest";
import { lightText } from "../share/dom.js";
import { isDark } from "./theme.js";

describe("isDark", () => {
  afterEach(() => {
    document.documentElement.className = "";
    document.body.innerHTML = "";
  });

  const host = (color: string) => {
    const el = document.createElement("div");
    el.style.color = color;
    document.body.append(el);
    return el;
  };

  it("follows a forced theme, then the host's class, then its text colour", () => {
    expect(isDark(host("rgb(20, 20, 20)"), "dark")).toBe(true);
    expect(isDark(host("rgb(240, 240, 240)"), "light")).toBe(false);
    expect(isDark(host("rgb(240, 240, 240)"))).toBe(true);
    expect(isDark(host("rgb(20, 20, 20)"))).toBe(false);
    document.documentElement.className = "theme dark";
    expect(isDark(host("rgb(20, 20, 20)"))).toBe(true);
  });

  it("reads the text colour as the quote boxes and share bars do, so that one page's parts agree", () => {
    // Mid greys, where the comments' old luma rule and the light parts' rule used to disagree.
    for (let v = 120; v <= 170; v += 5) {
      const el = host(`rgb(${v}, ${v}, ${v})`);
      expect(isDark(el), `rgb(${v}, ${v}, ${v})`).toBe(lightText(el));
    }
    expect(isDark(host("rgb(150, 150, 150)"))).toBe(true);
    expect(isDark(host("rgb(135, 135, 135)"))).toBe(false);
  });
});
