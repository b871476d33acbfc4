// Prints the raw, gzip and brotli size of each widget artefact, against its budget.
import {
  BUDGETS,
  COMMENT_PAGES,
  commentBudget,
  LIGHT_BUDGETS,
  measure,
  PASSAGE_BUDGETS,
  READ_PAGE,
  readBudget,
} from "./sizes.mjs";

const rows = measure();
const pad = (s, n) => String(s).padStart(n);
console.log(`${"artefact".padEnd(54)}${pad("raw", 9)}${pad("gzip", 9)}${pad("brotli", 9)}`);
for (const [name, r] of Object.entries(rows)) {
  const limit = LIGHT_BUDGETS[name] ?? PASSAGE_BUDGETS[name];
  const budget = limit ? `  (budget ${limit})` : "";
  console.log(`${name.padEnd(54)}${pad(r.raw, 9)}${pad(r.gzip, 9)}${pad(r.brotli, 9)}${budget}`);
}
console.log(
  `budgets (gzip bytes): loader ≤ ${BUDGETS.loader}, read ≤ ${BUDGETS.read}, comment ≤ ${BUDGETS.comment} (measured in Chromium below)`,
);

// What the example blog's pages really fetch, in Chromium (readBudget): the post is the
// issue's "read" measure; the index (comment counts only) is printed beside it.
for (const [path, budget] of [
  [READ_PAGE, BUDGETS.read],
  ["/", undefined],
]) {
  const read = await readBudget(path);
  console.log(`\nread ${path} (Chromium, before any interaction; decoded bodies, gzip -9)`);
  for (const f of read.files) console.log(`  ${f.path.padEnd(52)}${pad(f.raw, 9)}${pad(f.gzip, 9)}`);
  const light = read.files.filter((f) => !/^(embed|comments|fr)\.js$/.test(f.path));
  const lightGzip = light.reduce((n, f) => n + f.gzip, 0);
  console.log(`  ${"of which the light parts".padEnd(52)}${pad("", 9)}${pad(lightGzip, 9)}`);
  const limit = budget ? `  (budget ${budget})` : "";
  console.log(`  ${"total".padEnd(52)}${pad(read.raw, 9)}${pad(read.gzip, 9)}${limit}`);
}

// What a reader who comments downloads, on each example post (Chromium).
for (const path of COMMENT_PAGES) {
  const c = await commentBudget(path);
  console.log(`\ncomment budget on ${path}: ${c.gzip} B gzip (budget ${BUDGETS.comment}), ${c.raw} B raw`);
  for (const f of c.files) console.log(`  ${f.path.padEnd(50)}${pad(f.raw, 9)}${pad(f.gzip, 9)}`);
}
