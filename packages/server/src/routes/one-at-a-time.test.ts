import { describe, expect, it } from "vitest";
import { oneAtATime } from "./one-at-a-time.js";

describe("oneAtATime", () => {
  it("starts each task when the one before it has ended, failed ones included", async () => {
    const queue = oneAtATime();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, 10));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([queue(task("a")), queue(task("b", true)), queue(task("c"))]);
    expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([
      "a",
      "b",
      "c",
    ]);
  });
});
