#!/usr/bin/env node
// `pnpm screenshots`: every picture the docs show. Starts the built server with `--examples`
// on a temporary database and a free port (so the demo discussions are written afresh),
// opens each post in Debian's Chromium — light and dark, 1280 and 360 px wide — and writes
// PNG files with stable names into docs/images/: the whole posts (example-*), the README's
// hero (hero-*), the comments alone (comments-*) and a quote box with the share bar
// (quote-share-*). Then it runs the admin page's own script (admin-*), removes the pictures
// no page of the docs shows, and compresses the rest with pngquant or optipng when present.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { ROOT, startServer } from "./built-server.mjs";
import { ensureChromium, launchChromium } from "./ensure-chromium.mjs";

const OUT = join(ROOT, "docs/images");

const POSTS = [
  { lang: "fr", path: "/fr/publier-moins-repondre-plus/" },
  { lang: "en", path: "/en/notebook-not-calendar/" },
];
const SIZES = [
  { name: "desktop", width: 1280, height: 900, scale: 1 },
  { name: "mobile", width: 360, height: 780, scale: 1 },
];
const THEMES = ["light", "dark"];

/** Waits until Causette has rendered each part of a post; returns the parts that never came. */
async function waitForParts(page) {
  // The comments load as they near the viewport: bring them in, then go back to the top.
  await page.evaluate(() => document.querySelector("#causette")?.scrollIntoView());
  const checks = {
    "comments (≥ 5 in the shadow root)": () =>
      (document.querySelector("#causette")?.shadowRoot?.querySelectorAll("article").length ?? 0) >= 5,
    "quote boxes": () =>
      [...document.querySelectorAll("[data-causette-tweet]")].every(
        (el) => el.shadowRoot?.childElementCount || el.querySelector("button, a"),
      ),
    "share bar": () => {
      const el = document.querySelector("[data-causette-share]");
      return Boolean(el?.shadowRoot?.childElementCount || el?.childElementCount);
    },
    "comment count": () => /\d/.test(document.querySelector("[data-causette-count]")?.textContent ?? ""),
  };
  const missing = [];
  for (const [name, fn] of Object.entries(checks)) {
    try {
      await page.waitForFunction(fn, undefined, { timeout: 8_000 });
    } catch {
      missing.push(name);
    }
  }
  // Fonts, avatars and the highlight fade settle; then start from the top for the picture.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400);
  await page.evaluate(() => window.scrollTo(0, 0));
  await showWholePage(page);
  return missing;
}

/**
 * The widget skips painting threads that are off screen (`content-visibility: auto`), and a
 * full-page capture does not count as on screen: make the viewport as tall as the page, until
 * the height stops changing (rendered threads replace their estimated size).
 */
async function showWholePage(page) {
  const { width } = page.viewportSize();
  let height = 0;
  for (let i = 0; i < 5; i++) {
    const next = await page.evaluate(() => document.documentElement.scrollHeight);
    if (next === height) break;
    height = next;
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);
  }
}

/**
 * Opens `post` in a new context (viewport, colour scheme, language); waits for Causette's
 * parts. `check(where)` lists what went wrong: parts never rendered, page errors, requests
 * to anyone but the server.
 */
async function openPost(browser, url, post, size, theme) {
  const context = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    deviceScaleFactor: size.scale,
    colorScheme: theme,
    reducedMotion: "reduce",
    locale: post.lang === "fr" ? "fr-FR" : "en-GB",
  });
  // The blog's own switch stores the reader's choice: start from that choice.
  await context.addInitScript((t) => localStorage.setItem("blog-theme", t), theme);
  const page = await context.newPage();
  const thirdParty = [];
  page.on("request", (req) => {
    const u = req.url();
    if (!u.startsWith(url) && !/^(data|blob):/.test(u)) thirdParty.push(u);
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url + post.path, { waitUntil: "load" });
  const missing = await waitForParts(page);
  const check = (where) => [
    ...(missing.length ? [`${where}: not rendered: ${missing.join(", ")}`] : []),
    ...(errors.length ? [`${where}: page errors: ${errors.join(" | ")}`] : []),
    ...(thirdParty.length ? [`${where}: third-party requests: ${thirdParty.join(", ")}`] : []),
  ];
  return { page, context, check };
}

/** The page's box of the first element matching `selector` (page coordinates). */
function box(page, selector) {
  return page.evaluate((sel) => {
    const r = document.querySelector(sel).getBoundingClientRect();
    return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
  }, selector);
}

/**
 * Captures the element matching `selector` with `pad` px of the page around it, at most
 * `maxHeight` px of it from its top (a long discussion is cut after its first threads).
 */
async function clip(page, selector, pad, maxHeight, file) {
  const b = await box(page, selector);
  const x = Math.max(0, b.x - pad);
  await page.screenshot({
    path: file,
    fullPage: true,
    clip: {
      x,
      y: Math.max(0, b.y - pad),
      width: Math.min(b.width + 2 * pad, page.viewportSize().width - x),
      height: Math.min(b.height + 2 * pad, maxHeight),
    },
  });
}

/**
 * Captures each selector's element and shows them one above the other, on the page's own
 * background, in a blank page (no request) — for parts the post keeps far apart.
 */
async function stack(page, selectors, file) {
  const shots = [];
  for (const sel of selectors) {
    const b = await box(page, sel);
    const pad = 12;
    shots.push(
      await page.screenshot({
        fullPage: true,
        clip: { x: b.x - pad, y: b.y - pad, width: b.width + 2 * pad, height: b.height + 2 * pad },
      }),
    );
  }
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const img = (buf) =>
    `<img alt="" style="display:block" src="data:image/png;base64,${buf.toString("base64")}">`;
  await page.setContent(
    `<body style="margin:0;background:${background}"><div id="stack" style="display:flex;flex-direction:column;gap:12px;padding:12px;width:max-content">${shots.map(img).join("")}</div></body>`,
  );
  await page.locator("#stack").screenshot({ path: file });
}

/** Two clips of the French post side by side, composed in a blank page (no request). */
async function hero(browser, url, theme, file) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: theme,
    reducedMotion: "reduce",
    locale: "fr-FR",
  });
  await context.addInitScript((t) => localStorage.setItem("blog-theme", t), theme);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  await waitForParts(page);
  const boxes = await page.evaluate(() => {
    const abs = (el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top + window.scrollY, bottom: r.bottom + window.scrollY };
    };
    const main = document.querySelector("main").getBoundingClientRect();
    const quotes = document.querySelectorAll("[data-causette-tweet]");
    const from = abs(quotes[quotes.length - 1]).top - 24;
    const to = Math.min(
      abs(document.querySelector("[data-causette-share]")).bottom + 24,
      abs(document.querySelector("#causette")).top - 1,
    );
    const first = document.querySelector("#causette").shadowRoot?.querySelector("article");
    const discussion = first ? abs(first).top - 16 : to;
    return { x: main.left, width: main.width, from, height: to - from, discussion };
  });
  const left = await page.screenshot({
    fullPage: true,
    clip: { x: boxes.x, y: boxes.from, width: boxes.width, height: boxes.height },
  });
  const right = await page.screenshot({
    fullPage: true,
    clip: { x: boxes.x, y: boxes.discussion, width: boxes.width, height: boxes.height },
  });
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const rule = await page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue("--rule"),
  );
  const img = (buf) => `<img alt="" src="data:image/png;base64,${buf.toString("base64")}">`;
  await page.setContent(
    `<body style="margin:0;background:${background}"><div id="hero" style="display:flex;gap:24px;padding:8px 16px;width:max-content">${img(left)}<div style="border-left:1px solid ${rule}"></div>${img(right)}</div></body>`,
  );
  await page.locator("#hero").screenshot({ path: file });
  await context.close();
}

/** Deletes the pictures in docs/images/ that neither README.md nor a page of docs/ shows. */
function removeUnused() {
  const docs = join(ROOT, "docs");
  const text = [
    join(ROOT, "README.md"),
    ...readdirSync(docs)
      .filter((f) => f.endsWith(".md"))
      .map((f) => join(docs, f)),
  ]
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
  const unused = readdirSync(OUT).filter((f) => f.endsWith(".png") && !text.includes(`images/${f}`));
  for (const f of unused) rmSync(join(OUT, f));
  if (unused.length) console.log(`removed pictures no page shows: ${unused.join(", ")}`);
}

/** Shrinks the PNGs with Debian's pngquant (256 colours) or else optipng, when installed. */
function compress() {
  const files = readdirSync(OUT)
    .filter((f) => f.endsWith(".png"))
    .map((f) => join(OUT, f));
  const has = (tool) => spawnSync(tool, ["--version"], { stdio: "ignore" }).status === 0;
  let run;
  if (has("pngquant")) {
    run = spawnSync("pngquant", [
      "--force",
      "--skip-if-larger",
      "--strip",
      "--quality=70-95",
      "--ext",
      ".png",
      ...files,
    ]);
  } else if (has("optipng")) {
    run = spawnSync("optipng", ["-quiet", "-o2", "-strip", "all", ...files]);
  } else {
    console.log(
      "pngquant and optipng are missing: the pictures stay uncompressed (apt-get install pngquant).",
    );
    return;
  }
  // pngquant exits with 98/99 for a picture it leaves as is (no gain, or below the quality).
  if (run.status !== 0 && run.status !== 98 && run.status !== 99) {
    console.error(`compressing the pictures failed (${run.status}): ${run.stderr}`);
  } else console.log(`compressed ${files.length} pictures with ${has("pngquant") ? "pngquant" : "optipng"}.`);
}

async function main() {
  ensureChromium();
  await mkdir(OUT, { recursive: true });
  const server = await startServer({}, ["--examples"]);
  const browser = await launchChromium(["--font-render-hinting=none"]);
  const written = [];
  const problems = [];
  try {
    for (const post of POSTS) {
      for (const size of SIZES) {
        for (const theme of THEMES) {
          const { page, context, check } = await openPost(browser, server.url, post, size, theme);
          const file = join(OUT, `example-${post.lang}-${size.name}-${theme}.png`);
          await page.screenshot({ path: file, fullPage: true });
          written.push(relative(ROOT, file));
          problems.push(...check(`example ${post.lang} ${size.name} ${theme}`));
          // The comments alone: English at desktop width, French on a 360 px phone.
          if ((post.lang === "en") === (size.name === "desktop")) {
            const name = `comments-${post.lang}-${theme}${size.name === "mobile" ? "-360" : ""}.png`;
            await clip(page, "section.comments", 16, 1800, join(OUT, name));
            written.push(`docs/images/${name}`);
          }
          // The first quote box above the share bar, at desktop width.
          if (size.name === "desktop") {
            const name = `quote-share-${post.lang}-${theme}.png`;
            await stack(page, ["[data-causette-tweet]", "[data-causette-share]"], join(OUT, name));
            written.push(`docs/images/${name}`);
          }
          await context.close();
        }
      }
    }
    // The picture at the top of the README, two columns of the French post at desktop
    // width: a quote box down to the share bar and the count, beside the discussion.
    for (const theme of THEMES) {
      const file = join(OUT, `hero-fr-${theme}.png`);
      await hero(browser, `${server.url}${POSTS[0].path}`, theme, file);
      written.push(relative(ROOT, file));
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  // The moderation page's pictures come from its own script (its own server and comments).
  const admin = spawnSync(process.execPath, [join(ROOT, "packages/admin/scripts/screenshots.mjs")], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  if (admin.status !== 0) problems.push(`packages/admin/scripts/screenshots.mjs exited with ${admin.status}`);
  written.push(...admin.stdout.split("\n").filter((l) => l.endsWith(".png")));
  console.log(`wrote ${written.length} screenshots:\n  ${written.join("\n  ")}`);
  removeUnused();
  compress();
  if (problems.length) {
    console.error(`\nsome pictures show an unfinished page:\n  ${problems.join("\n  ")}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
