#!/usr/bin/env node
// `node scripts/passages-screenshots.mjs` (after `pnpm build`): the pictures of
// docs/passages.md. Starts the built server with `--examples` on a temporary database, posts a
// comment on a sentence of each example post (as a reader would, through the API), then opens
// each post in Debian's Chromium — English and French, light and dark, desktop (1280 px) and
// phone (360 px) — and captures the marked passage with its count, a reader's selection with
// the "Comment on this passage" button, and the form quoting the passage. Writes
// docs/images/passages-*.png.
import { join } from "node:path";
import { ROOT, startServer } from "./built-server.mjs";
import { launchChromium } from "./ensure-chromium.mjs";

const OUT = join(ROOT, "docs/images");

const POSTS = [
  {
    lang: "en",
    path: "/en/notebook-not-calendar/",
    marked: "It looked wonderful.",
    selected: "When the same question shows up twice, it earns a post.",
    name: "Tom",
    body: "Mine looked wonderful too, right up to the first missed week.",
  },
  {
    lang: "fr",
    path: "/fr/publier-moins-repondre-plus/",
    marked: null, // the first sentence of the second paragraph, found below
    selected: null,
    name: "Léa",
    body: "Exactement ce qui m’est arrivé l’an dernier.",
  },
];
const SIZES = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 360, height: 760 },
];
const THEMES = ["light", "dark"];

/** The sentences of the article's paragraphs, for posts whose words are not written above. */
async function sentences(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("article p")]
      .map((p) => p.textContent.trim())
      .filter((t) => t.length > 120)
      .flatMap((t) => t.match(/[^.!?]+[.!?]/g) ?? [])
      .map((s) => s.trim()),
  );
}

/** Selects `words` in the article, as a reader's mouse or fingers do. */
function select(page, words) {
  return page.evaluate((words) => {
    const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent.indexOf(words);
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + words.length);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      return;
    }
    throw new Error(`${words} is not in the article`);
  }, words);
}

/** The viewport's picture, scrolled so that the text `words` sits at a third of its height. */
async function shoot(page, words, file) {
  await page.evaluate((words) => {
    const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.includes(words)) continue;
      const top = n.parentElement.getBoundingClientRect().top + scrollY;
      scrollTo(0, top - innerHeight / 3);
      return;
    }
  }, words);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, file) });
  console.log(`wrote docs/images/${file}`);
}

const server = await startServer({}, ["--examples"]);
const browser = await launchChromium();
const problems = [];
try {
  for (const post of POSTS) {
    // The words: given, or taken from the post itself.
    if (!post.marked) {
      const page = await browser.newPage();
      await page.goto(server.url + post.path);
      const list = await sentences(page);
      post.marked = list.find((s) => s.length > 30 && s.length < 90);
      post.selected = list.find((s) => s !== post.marked && s.length > 40 && s.length < 110);
      await page.close();
    }
    // A reader's comment on the marked sentence (its context as the widget would send it).
    const page = await browser.newPage();
    await page.goto(server.url + post.path);
    const anchor = await page.evaluate((words) => {
      const text = document.querySelector("article").textContent.replace(/\s+/g, " ");
      const i = text.indexOf(words);
      return {
        exact: words,
        prefix: text.slice(Math.max(0, i - 32), i),
        suffix: text.slice(i + words.length, i + words.length + 32),
      };
    }, post.marked);
    await page.close();
    const res = await fetch(`${server.url}/api/comments`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ page: post.path, author: { name: post.name }, body: post.body, anchor }),
    });
    if (res.status !== 201) throw new Error(`posting on ${post.path}: ${res.status} ${await res.text()}`);

    for (const size of SIZES)
      for (const theme of THEMES) {
        const context = await browser.newContext({
          viewport: { width: size.width, height: size.height },
          colorScheme: theme,
          reducedMotion: "reduce",
          hasTouch: size.name === "phone",
          isMobile: size.name === "phone",
          locale: post.lang === "fr" ? "fr-FR" : "en-GB",
        });
        await context.addInitScript((t) => localStorage.setItem("blog-theme", t), theme);
        const page = await context.newPage();
        const errors = [];
        page.on("pageerror", (e) => errors.push(e.message));
        await page.goto(server.url + post.path, { waitUntil: "load" });
        await page.evaluate(() => document.fonts.ready);
        const marker = page.getByRole("button", { name: /1 comment(aire)? (on this|sur ce) passage/ });
        try {
          await marker.waitFor({ timeout: 8_000 });
        } catch {
          problems.push(`${post.path} ${size.name} ${theme}: no marker`);
        }
        const tag = `${post.lang}-${size.name}-${theme}`;
        await shoot(page, post.marked, `passages-marked-${tag}.png`);
        await select(page, post.selected);
        const button = page.getByRole("button", {
          name: post.lang === "fr" ? "Commenter ce passage" : "Comment on this passage",
          exact: true,
        });
        await button.waitFor({ timeout: 8_000 });
        await shoot(page, post.selected, `passages-select-${tag}.png`);
        if (size.name === "desktop" && theme === "light") {
          await button.click();
          const form = page.locator("#causette form figure.pq");
          await form.waitFor({ timeout: 8_000 });
          await page.waitForTimeout(300);
          const b = await form.evaluate((el) => {
            const r = el.closest("form").getBoundingClientRect();
            return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height };
          });
          const file = `passages-form-${post.lang}.png`;
          await page.screenshot({
            path: join(OUT, file),
            fullPage: true,
            clip: {
              x: Math.max(0, b.x - 16),
              y: Math.max(0, b.y - 16),
              width: b.width + 32,
              height: b.height + 32,
            },
          });
          console.log(`wrote docs/images/${file}`);
        }
        if (errors.length) problems.push(`${post.path} ${tag}: ${errors.join(" | ")}`);
        await context.close();
      }
  }
} finally {
  await browser.close();
  await server.stop();
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
