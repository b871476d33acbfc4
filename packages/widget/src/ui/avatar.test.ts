import { render } from "preact";
import { describe, expect, it } from "vitest";
import { Avatar } from "./avatar.js";

/** The rows and columns where the drawn picture has cells, and whether any is off the edges. */
function cells(hash: string): { rows: Set<number>; cols: Set<number>; inner: boolean } {
  const box = document.createElement("div");
  render(Avatar(hash), box);
  const d = box.querySelector("path")!.getAttribute("d")!;
  const rows = new Set<number>();
  const cols = new Set<number>();
  let inner = false;
  for (const [, x, y] of d.matchAll(/M(\d) (\d)/g)) {
    cols.add(+x!);
    rows.add(+y!);
    inner ||= +x! > 0 && +x! < 4;
  }
  return { rows, cols, inner };
}

describe("identicons", () => {
  it("never draw a bar: cells in at least two rows and two columns, not only on the edges", () => {
    // Digits 2–16 of these hashes fill one column (a vertical bar), one row, or nothing.
    const bars = [
      `ab${"800".repeat(5)}0123456789abcdef`,
      `ab${"080".repeat(5)}fedcba9876543210`,
      `ab999${"000".repeat(4)}9a8b7c6d5e4f3a2b`,
      `ab${"000".repeat(5)}c3d2e1f0a9b8c7d6`,
    ];
    // And a thousand ordinary ones (a fixed pseudo-random sequence).
    let seed = 7;
    const hex = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return (seed >> 8).toString(16).padStart(6, "0").slice(-6);
    };
    const random = Array.from({ length: 1000 }, () => Array.from({ length: 6 }, hex).join("").slice(0, 32));
    for (const hash of [...bars, ...random]) {
      const { rows, cols, inner } = cells(hash);
      expect(rows.size >= 2 && cols.size >= 2 && inner, hash).toBe(true);
    }
  });

  it("stay the same for the same hash", () => {
    const hash = "5d41402abc4b2a76b9719d911017c592";
    const draw = () => {
      const box = document.createElement("div");
      render(Avatar(hash), box);
      return box.innerHTML;
    };
    expect(draw()).toBe(draw());
  });
});
