// Imports a generated WordPress export of 100,000 comments into a fresh SQLite file and
// prints comments per second and the importing process's peak RSS.
// Usage: node bench/import.bench.mjs [comments]   (after `pnpm --filter @causette/server build`;
// CAUSETTE_BENCH_KEEP=1 keeps the generated file and database to profile them)
// Goal (issue 7): ≥ 20,000 comments/s, peak RSS ≤ 150 MiB.
//
// node bench/import.bench.mjs --hostile [MiB]: a hostile export of that size instead (512 by
// default): comments of 1 MiB of nested markup, post bodies of megabytes of references,
// elements with attributes just under the tokenizer's limits, between ordinary comments.
// Goal (issue 19.8): peak RSS ≤ 200 MiB for a 512 MiB file.
import { spawnSync } from "node:child_process";
import { createWriteStream, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";

const dist = join(import.meta.dirname, "../packages/server/dist");

if (process.argv[2] === "--child") {
  // The import alone, in its own process, so its peak RSS is the importer's.
  const [file, db] = process.argv.slice(3);
  const { openStore } = await import(join(dist, "store/open.js"));
  const { importXml } = await import(join(dist, "import/run.js"));
  const { sanitizeCommentHtml } = await import(join(dist, "render/markdown.js"));
  const store = await openStore({ dbPath: db });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const report = await importXml("wordpress", {
    file,
    store,
    site: "default",
    sanitize: sanitizeCommentHtml,
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const heapMiB = process.memoryUsage().heapUsed / 1048576;
  await store.close();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const maxRssKiB = process.resourceUsage().maxRSS;
  console.log(JSON.stringify({ comments: report.commentsImported, ms, cpuMs, heapMiB, maxRssKiB }));
  process.exit(0);
}

const hostile = process.argv[2] === "--hostile";
const total = hostile ? 0 : Number(process.argv[2] ?? 100_000);
const hostileBytes = hostile ? Number(process.argv[3] ?? 512) * 1024 * 1024 : 0;
const perPost = 100;
const dir = await mkdtemp(join(tmpdir(), "causette-bench-import-"));
const file = join(dir, "wordpress.xml");

// Most comments are plain text over a few lines; one in four carries a link and emphasis.
function body(id) {
  return id % 4 === 0
    ? `Comment ${id}: I tried this at home and it worked.
Thanks for the tip about <a href="https://example.org/jars/${id}">glass jars</a>, and <em>the</em> labels.

A second paragraph, because readers write more than one line sometimes.`
    : `Comment ${id}: I tried this at home and it worked -> thanks for the tip about glass jars.
It took me an afternoon.

A second paragraph, because readers write more than one line sometimes.`;
}

function write(out, text) {
  return out.write(text) ? Promise.resolve() : new Promise((r) => out.once("drain", r));
}

const out = createWriteStream(file);
await write(
  out,
  `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench</title><wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>owner</wp:author_login><wp:author_email>owner@bench.example</wp:author_email></wp:author>
`,
);
/** What a hostile export puts in a post: none of it may cost memory in proportion to its size. */
function hostileParts(post) {
  // Attributes just under the limit of 64 Ki characters an element, made of references.
  const attribute = "&amp;".repeat(30_000);
  const category = `<category domain="${attribute}" nicename="${attribute}"><![CDATA[c]]></category>\n`;
  // An article of 4 MiB of references, in one text node (every 16th post).
  const content = post % 16 === 0 ? "&lt;b&gt;".repeat(1 << 19) : "The article body.";
  // A comment of 1 MiB of nested lists (every 2nd post).
  const comment = post % 2 === 0 ? "&lt;ol&gt;&lt;li&gt;".repeat(((1 << 20) - 16) / 8) : null;
  return { head: `<content:encoded>${content}</content:encoded>\n${category}`, comment };
}

let id = 0;
let written = 0;
for (let post = 1; hostile ? written < hostileBytes : id < total; post++) {
  const parts = hostile ? hostileParts(post) : null;
  let item = `<item><title>Post number ${post}</title><link>https://bench.example/${2000 + (post % 20)}/post-${post}/</link>
${parts?.head ?? "<content:encoded><![CDATA[<p>The article body, which the importer ignores.</p>]]></content:encoded>"}
<wp:post_id>${post}</wp:post_id><wp:post_date_gmt>2020-01-01 00:00:00</wp:post_date_gmt>
<wp:comment_status>open</wp:comment_status><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
`;
  const first = id + 1;
  for (let k = 0; k < perPost && (hostile || id < total); k++) {
    id++;
    // A third of the comments answer an earlier one of the same post.
    const parent = k > 0 && id % 3 === 0 ? first + ((id * 7) % k) : 0;
    const owner = id % 10 === 0;
    const minute = String(k % 60).padStart(2, "0");
    item += `<wp:comment><wp:comment_id>${id}</wp:comment_id>
<wp:comment_author><![CDATA[${owner ? "Owner" : `Reader ${id % 997}`}]]></wp:comment_author>
<wp:comment_author_email>${owner ? "owner@bench.example" : `reader${id % 997}@example.org`}</wp:comment_author_email>
<wp:comment_author_url>${id % 4 === 0 ? `https://reader${id % 997}.example/` : ""}</wp:comment_author_url>
<wp:comment_author_IP>192.0.2.${id % 250}</wp:comment_author_IP>
<wp:comment_date>2020-01-0${1 + (k % 9)} 10:${minute}:00</wp:comment_date>
<wp:comment_date_gmt>2020-01-0${1 + (k % 9)} 09:${minute}:00</wp:comment_date_gmt>
<wp:comment_content>${k === 0 && parts?.comment ? parts.comment : `<![CDATA[${body(id)}]]>`}</wp:comment_content>
<wp:comment_approved>${id % 50 === 0 ? 0 : 1}</wp:comment_approved><wp:comment_type>comment</wp:comment_type>
<wp:comment_parent>${parent}</wp:comment_parent><wp:comment_user_id>${owner ? 1 : 0}</wp:comment_user_id></wp:comment>
`;
  }
  await write(out, `${item}</item>\n`);
  written += item.length;
}
await write(out, "</channel></rss>\n");
await new Promise((r) => out.end(r));

try {
  // With the V8 flags `causette import` runs with (import/command.ts).
  const { IMPORT_V8_FLAGS } = await import(join(dist, "cli/tuned.js"));
  const run = spawnSync(
    process.execPath,
    [...IMPORT_V8_FLAGS, import.meta.filename, "--child", file, join(dir, "bench.db")],
    { encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(run.stderr || `exit ${run.status}`);
  const r = JSON.parse(run.stdout.trim().split("\n").pop());
  const mib = (n) => (n / 1024 / 1024).toFixed(1);
  console.log(`file: ${mib(statSync(file).size)} MiB WXR, ${r.comments} comments imported (SQLite)`);
  console.log(
    `time: ${(r.ms / 1000).toFixed(2)} s → ${Math.round(r.comments / (r.ms / 1000))} comments/s (goal ≥ 20,000)`,
  );
  // On a busy machine the wall clock measures the neighbours too; CPU time is the importer's.
  console.log(
    `CPU: ${(r.cpuMs / 1000).toFixed(2)} s → ${Math.round(r.comments / (r.cpuMs / 1000))} comments per CPU-second`,
  );
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log(`peak RSS: ${mib(r.maxRssKiB * 1024)} MiB (goal ≤ ${hostile ? 200 : 150} MiB)`);
  console.log(
    `machine: ${cpus()[0]?.model ?? "?"} × ${cpus().length}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
} finally {
  if (process.env.CAUSETTE_BENCH_KEEP) console.log(`kept: ${file}`);
  else await rm(dir, { recursive: true, force: true });
}
