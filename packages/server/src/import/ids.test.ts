import { describe, expect, it } from "vitest";
import { importIds } from "./run.js";

describe("importIds", () => {
  it("makes ids shaped as newId's that sort in the order they were made, with a random half", () => {
    const make = importIds();
    const ids = [...make(500), ...make(500)];
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Plain string comparison: the order SQLite's and PostgreSQL's C collation use.
    expect([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(ids);
    // Two imports started in the same 1/64 ms still differ by their random half.
    expect(importIds(1)(1)[0]!.slice(0, 8)).toBe(importIds(1)(1)[0]!.slice(0, 8));
    expect(importIds(1)(1)[0]).not.toBe(importIds(1)(1)[0]);
  });

  it("keeps counting across a carry in every position", () => {
    const ids = importIds(64 ** 2 - 2)(4);
    expect(ids.map((id) => id.slice(0, 8))).toEqual(["------zy", "------zz", "-----0--", "-----0-0"]);
  });
});
