import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Rollup } from "vite";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./harness/server.js";

// What an app that installs @causette/widget from npm ships: its bundler (Vite here) keeps
// only the modules the app imports, and leaves the exact X counter (its top-level domain
// lists) in a chunk that quote boxes fetch only for a post that may not fit.
const DIST = join(ROOT, "packages/widget/dist/index.js");
/** A domain only the counter's lists hold. */
const TLD_MARK = "northwesternmutual";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "causette-npm-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Bundles an app whose whole code is `source`; returns its chunks. */
async function bundle(name: string, source: string): Promise<Rollup.OutputChunk[]> {
  const entry = join(dir, `${name}.js`);
  await writeFile(entry, source);
  const out = (await build({
    configFile: false,
    logLevel: "silent",
    root: dir,
    resolve: { alias: { "@causette/widget": DIST } },
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: { write: false, rollupOptions: { input: entry }, modulePreload: false },
  })) as Rollup.RollupOutput;
  return out.output.filter((o): o is Rollup.OutputChunk => o.type === "chunk");
}

const gz = (chunks: Rollup.OutputChunk[]) => gzipSync(chunks.map((c) => c.code).join("")).length;

describe("an app bundling @causette/widget from npm", () => {
  it("with quote boxes only, fetches the exact counter in a chunk of its own", async () => {
    const chunks = await bundle(
      "quotes",
      `import { mountClickToTweet } from "@causette/widget";
       document.querySelectorAll("blockquote").forEach((el) => mountClickToTweet(el));`,
    );
    const [main, ...lazy] = [chunks.filter((c) => c.isEntry), chunks.filter((c) => !c.isEntry)];
    expect(main).toHaveLength(1);
    expect(main![0]!.code).toContain("intent/tweet");
    expect(main![0]!.code).not.toContain(TLD_MARK);
    expect(lazy.flat().some((c) => c.code.includes(TLD_MARK))).toBe(true);
    console.log(`quote boxes: ${gz(main!)} B gzip at once, ${gz(lazy.flat())} B in lazy chunks`);
  });

  it("with comments only, ships no quote-box or share-bar code", async () => {
    const chunks = await bundle(
      "comments",
      `import { mountComments } from "@causette/widget";
       mountComments(document.querySelector("#comments"), { server: "https://comments.example" });`,
    );
    const code = chunks.map((c) => c.code).join("\n");
    expect(code).toContain("attachShadow");
    expect(code).not.toContain(TLD_MARK);
    expect(code).not.toContain("intent/tweet");
    console.log(`comments: ${gz(chunks.filter((c) => c.isEntry))} B gzip with Preact`);
  });

  it("with tweetLength, gets the counter in its main chunk, as it asked", async () => {
    const chunks = await bundle(
      "length",
      `import { tweetLength } from "@causette/widget"; console.log(tweetLength("a.northwesternmutual"));`,
    );
    expect(chunks.find((c) => c.isEntry)!.code).toContain(TLD_MARK);
  });
});
