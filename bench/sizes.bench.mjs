// Prints the raw, gzip and brotli size of each widget artefact, against its budget.
import { BUDGETS, LIGHT_BUDGETS, measure, PASSAGE_BUDGETS } from "./sizes.mjs";

const rows = measure();
const pad = (s, n) => String(s).padStart(n);
console.log(`${"artefact".padEnd(54)}${pad("raw", 9)}${pad("gzip", 9)}${pad("brotli", 9)}`);
for (const [name, r] of Object.entries(rows)) {
  const limit = LIGHT_BUDGETS[name] ?? PASSAGE_BUDGETS[name];
  const budget = limit ? `  (budget ${limit})` : "";
  console.log(`${name.padEnd(54)}${pad(r.raw, 9)}${pad(r.gzip, 9)}${pad(r.brotli, 9)}${budget}`);
}
console.log(`budgets (gzip bytes): loader ≤ ${BUDGETS.loader}, reader total ≤ ${BUDGETS.reader}`);
