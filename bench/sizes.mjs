// Sizes of the widget's built artefacts: raw, gzip (level 9) and brotli (quality 11), in
// bytes. Used by `pnpm bench` (prints them) and by e2e/size.test.ts and e2e/share-size.test.ts
// (check the budgets).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export const WIDGET_DIST = resolve(import.meta.dirname, "../packages/widget/dist");
export const EMBED_DIST = join(WIDGET_DIST, "embed");

/** Budgets in gzip bytes (1 KB = 1,000 bytes). */
export const BUDGETS = {
  // 2,500 until passages (issue #17): their listener and the quote boxes' "Discuss" added 486.
  loader: 3_000,
  // 16,000 in wave 1; wave 2's reader fixes, flat deep threads, typed errors and shared
  // field rules took it to 16,191 (CONTRIBUTING.md). The split of issue "Threads from the
  // server" (8 KB to read, the app on a reader's intent) replaces this budget.
  // Passages added 486 to the loader and 855 to the app (the passage above the form, the
  // quotation in the thread, their strings and styles): 17,532 (CONTRIBUTING.md).
  reader: 17_600,
};

/** Budgets of the light parts' rows (lightParts), in gzip bytes; e2e/share-size.test.ts checks them. */
export const LIGHT_BUDGETS = {
  "tweet.js (quote boxes' upgrade)": 3_200,
  "exact X counter (fetched by tweet.js for long posts)": 9_500,
  "share.js (share bar)": 5_000,
  "counts.js (comment counts)": 1_500,
};

export function sizeOf(buffer) {
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** The files a module statically imports (not its `import()`s), followed transitively. */
export function staticGraph(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, "utf8");
    // `import x from"./a.js"`, `import"./a.js"`, `export … from"./a.js"` — but not `import("./a.js")`.
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)) {
      const spec = m[1];
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec));
    }
  };
  visit(entry);
  return [...seen];
}

function sum(files) {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    const s = sizeOf(readFileSync(f));
    total.raw += s.raw;
    total.gzip += s.gzip;
    total.brotli += s.brotli;
  }
  return total;
}

/**
 * The light parts' lazy files, each with the chunks it imports statically: what a page with
 * quote boxes, a share bar or comment counts fetches after the loader. The exact X counter
 * is fetched by tweet.js only for posts that may not fit; its row counts what it adds.
 */
export function lightParts() {
  const graph = (f) => staticGraph(join(EMBED_DIST, f));
  const tweet = graph("tweet.js");
  const chunks = join(EMBED_DIST, "chunks");
  const compose = readdirSync(chunks).find((f) => /^compose-.*\.js$/.test(f));
  if (!compose) throw new Error("the exact counter's chunk (chunks/compose-*.js) is missing");
  return {
    "tweet.js (quote boxes' upgrade)": tweet,
    "exact X counter (fetched by tweet.js for long posts)": graph(`chunks/${compose}`).filter(
      (f) => !tweet.includes(f),
    ),
    "share.js (share bar)": graph("share.js"),
    "counts.js (comment counts)": graph("counts.js"),
  };
}

/**
 * Passages (issue #17), in gzip bytes; e2e/passages-size.test.ts checks them. The marks'
 * chunk comes only to pages whose thread has comments on passages; the approximate matching
 * only when a passage's exact words are no longer in the article; the selection button at a
 * reader's first selection in the article. The listener's own share of the loader is
 * measured apart (passages-size.test.ts builds it alone): at most 600 B.
 */
export const PASSAGE_BUDGETS = {
  "anchor.js (passages' marks)": 3_000,
  "approximate matching (fetched by anchor.js after edits)": 1_000,
  "passage.js (selection button)": 2_000,
};

/** The passages' lazy files, each with what it imports statically (and not the others'). */
export function passageParts() {
  const graph = (f) => staticGraph(join(EMBED_DIST, f));
  const anchor = graph("anchor.js");
  const code = readFileSync(join(EMBED_DIST, "anchor.js"), "utf8");
  const fuzzy = /import\("\.\/(chunks\/[^"]+\.js)"\)/.exec(code)?.[1];
  if (!fuzzy) throw new Error("anchor.js does not fetch the approximate matching's chunk");
  return {
    "anchor.js (passages' marks)": anchor,
    "approximate matching (fetched by anchor.js after edits)": graph(fuzzy).filter(
      (f) => !anchor.includes(f),
    ),
    "passage.js (selection button)": graph("passage.js"),
  };
}

/** Every artefact a budget is set for, plus the others worth printing. */
export function measure() {
  const loader = join(EMBED_DIST, "embed.js");
  const app = join(EMBED_DIST, "comments.js");
  const npm = join(WIDGET_DIST, "index.js");
  for (const f of [loader, app, npm]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`pnpm build\` first.`);
  }
  const appFiles = staticGraph(app);
  const npmFiles = staticGraph(npm);
  const rows = {
    "loader (embed.js)": { files: [loader], ...sum([loader]) },
    "comments app (comments.js + static chunks)": { files: appFiles, ...sum(appFiles) },
    "reader total (loader + app, English)": { files: [loader, ...appFiles], ...sum([loader, ...appFiles]) },
    // One file per module since the npm build keeps them apart; an app's bundler keeps what
    // it imports (e2e/npm-bundle.test.ts measures what apps ship).
    "npm modules (all that index.js imports, each gzipped)": { files: npmFiles, ...sum(npmFiles) },
  };
  const fr = join(EMBED_DIST, "fr.js");
  if (existsSync(fr)) rows["lazy chunk fr.js"] = { files: [fr], ...sum([fr]) };
  for (const [name, files] of Object.entries(lightParts())) rows[name] = { files, ...sum(files) };
  for (const [name, files] of Object.entries(passageParts())) rows[name] = { files, ...sum(files) };
  return rows;
}
