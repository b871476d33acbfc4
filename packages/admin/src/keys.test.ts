import { describe, expect, it } from "vitest";
import { commandFor, SHORTCUTS } from "./keys.js";

const key = (k: string, target: object | null = { tagName: "BODY" }, mods: Partial<KeyboardEvent> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: target as EventTarget,
  ...mods,
});

describe("keyboard shortcuts", () => {
  it("map the documented keys to their commands", () => {
    expect(commandFor(key("j"))).toBe("next");
    expect(commandFor(key("k"))).toBe("previous");
    expect(commandFor(key("a"))).toBe("approve");
    expect(commandFor(key("s"))).toBe("spam");
    expect(commandFor(key("d"))).toBe("delete");
    expect(commandFor(key("u"))).toBe("restore");
    expect(commandFor(key("?"))).toBe("help");
    expect(commandFor(key("q"))).toBeNull();
  });
  it("stay out of the way while the moderator types", () => {
    expect(commandFor(key("a", { tagName: "TEXTAREA" }))).toBeNull();
    expect(commandFor(key("a", { tagName: "INPUT", type: "search" }))).toBeNull();
    expect(commandFor(key("a", { tagName: "SELECT" }))).toBeNull();
    expect(commandFor(key("a", { tagName: "DIV", isContentEditable: true }))).toBeNull();
    // A focused checkbox or button is not typing.
    expect(commandFor(key("a", { tagName: "INPUT", type: "checkbox" }))).toBe("approve");
    expect(commandFor(key("a", { tagName: "BUTTON" }))).toBe("approve");
  });
  it("leave the browser's own shortcuts alone", () => {
    expect(commandFor(key("s", undefined, { ctrlKey: true }))).toBeNull();
    expect(commandFor(key("d", undefined, { metaKey: true }))).toBeNull();
    expect(commandFor(key("a", undefined, { altKey: true }))).toBeNull();
  });
  it("have one command per key", () => {
    expect(new Set(SHORTCUTS.map((s) => s.key)).size).toBe(SHORTCUTS.length);
  });
});
