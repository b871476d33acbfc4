import { describe, expect, it } from "vitest";
import { semiSpaceSet } from "./tuned.js";

describe("semiSpaceSet", () => {
  it("sees the flag on the command line or in NODE_OPTIONS, and only that flag", () => {
    expect(semiSpaceSet(["--max-semi-space-size=8"], "")).toBe(true);
    expect(semiSpaceSet([], "--enable-source-maps --max-semi-space-size=32")).toBe(true);
    expect(semiSpaceSet(["--enable-source-maps"], "--max-old-space-size=4096")).toBe(false);
    expect(semiSpaceSet([], "")).toBe(false);
  });
});
