import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./harness/server.js";

// tweetLength and composeTweet from the built npm entry, in plain Node: no DOM, no bundler.
const ENTRY = join(ROOT, "packages/widget/dist/index.js");

describe("@causette/widget in plain Node", () => {
  it("imports the built ESM and counts and composes without a DOM", () => {
    expect(existsSync(ENTRY), `${ENTRY} is missing: run pnpm build`).toBe(true);
    const script = `
      import { tweetLength, composeTweet, mountClickToTweet } from ${JSON.stringify(ENTRY)};
      if (typeof document !== "undefined") throw new Error("a DOM is present");
      const href = composeTweet({ text: "é ".repeat(300), url: "https://blog.example/p/", via: "selma" });
      const text = new URL(href).searchParams.get("text");
      console.log(JSON.stringify({
        a: tweetLength("Hi http://test.co"),
        b: tweetLength("👨‍👩‍👧‍👦 example.com 故人"),
        text,
        total: tweetLength(text + " https://blog.example/p/ via @selma"),
        mount: typeof mountClickToTweet,
      }));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    const out = JSON.parse(run.stdout);
    expect(out.a).toBe(26);
    expect(out.b).toBe(2 + 1 + 23 + 1 + 4);
    expect(out.text.endsWith("…")).toBe(true);
    expect(out.total).toBeLessThanOrEqual(280);
    expect(out.total).toBeGreaterThan(275);
    expect(out.mount).toBe("function");
  });
});
