// Prints the raw, gzip and brotli size of each widget artefact, against its budget.
import { BUDGETS, COMMENT_PAGES, commentBudget, LIGHT_BUDGETS, measure } from "./sizes.mjs";

const rows = measure();
const pad = (s, n) => String(s).padStart(n);
console.log(`${"artefact".padEnd(54)}${pad("raw", 9)}${pad("gzip", 9)}${pad("brotli", 9)}`);
for (const [name, r] of Object.entries(rows)) {
  const budget = LIGHT_BUDGETS[name] ? `  (budget ${LIGHT_BUDGETS[name]})` : "";
  console.log(`${name.padEnd(54)}${pad(r.raw, 9)}${pad(r.gzip, 9)}${pad(r.brotli, 9)}${budget}`);
}
console.log(`budgets (gzip bytes): loader ≤ ${BUDGETS.loader}, reader total ≤ ${BUDGETS.reader}`);

// What a reader who comments downloads, on each example post (Chromium).
for (const path of COMMENT_PAGES) {
  const c = await commentBudget(path);
  console.log(`\ncomment budget on ${path}: ${c.gzip} B gzip (budget ${BUDGETS.comment}), ${c.raw} B raw`);
  for (const f of c.files) console.log(`  ${f.path.padEnd(50)}${pad(f.raw, 9)}${pad(f.gzip, 9)}`);
}
