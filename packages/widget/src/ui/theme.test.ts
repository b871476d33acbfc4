import { afterEach, describe, expect, it, vi } from "vitest";
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

  it("reads the text colour as the quote boxes and share bars do: light from #8d8d8d", () => {
    for (let v = 120; v <= 170; v += 5) {
      const el = host(`rgb(${v}, ${v}, ${v})`);
      expect(isDark(el), `rgb(${v}, ${v}, ${v})`).toBe(v > 140);
      expect(lightText(el), `rgb(${v}, ${v}, ${v})`).toBe(v > 140);
    }
  });
});

describe("lightText", () => {
  afterEach(() => vi.restoreAllMocks());

  /** The text colour as the browser gives it back, in the space it was written in. */
  const computed = (color: string) => {
    vi.spyOn(window, "getComputedStyle").mockReturnValue({ color } as CSSStyleDeclaration);
    return lightText(document.body);
  };

  it("reads rgb, oklch and oklab, lab and lch, and color() alike", () => {
    const light = [
      "rgb(238, 238, 238)",
      "rgba(230, 230, 230, 0.5)",
      "oklch(0.9 0 0)",
      "oklch(0.967 0.003 264.542)", // Tailwind 4's gray-100
      "oklab(0.899994 0.000041011 0.0000180781)",
      "lab(90 0 0)",
      "lch(85 10 200 / 0.8)",
      "color(display-p3 0.9 0.9 0.9)",
      "color(srgb 0.8 0.85 0.9)",
    ];
    const dark = [
      "rgb(17, 17, 17)",
      "rgb(0, 0, 255)",
      "oklch(0.21 0.034 264.665)", // gray-900
      "oklch(0.5 0.2 30)",
      "oklab(0.3 0.01 0.02)",
      "lab(20 10 -30)",
      "lch(40 30 120)",
      "color(display-p3 0.1 0.1 0.1)",
      "color(rec2020 0.2 0.3 0.2)",
    ];
    for (const c of light) expect(computed(c), c).toBe(true);
    for (const c of dark) expect(computed(c), c).toBe(false);
  });
});
