import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ready, seed } from "./comments-helpers.js";
import { launchBrowser } from "./harness/browser.js";
import { blogPage, type RunningHost, startHost } from "./harness/host.js";
import { type RunningServer, startServer } from "./harness/server.js";

// WCAG 2.2 AA contrast of every control of the comments, in every state, measured on the
// pixels Chromium paints (so filters, opacity, color-mix() and the host's background all
// count): the most frequent colour of the control's box is its background, the pixel that
// differs most from it is its text (or its icon).

let server: RunningServer;
let host: RunningHost;
let browser: Browser;
/**
 * A blank page that decodes the screenshots, in a context of its own: beside the measured
 * page in one context, it made every screenshot of that page wait 1 to 4 s (a frame of the
 * measured page, once the other had run script), 104 s for one theme instead of 26 s.
 */
let decoder: Page;

beforeAll(async () => {
  [server, host, browser] = await Promise.all([startServer(), startHost(), launchBrowser()]);
  decoder = await (await browser.newContext()).newPage();
  await seed(server.url, "/contrast/", [{ body: "A comment to reply to and vote on", name: "Ann" }]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop(), server?.stop()]);
});

/** The page behind the widget in each theme. */
const PAGE_BG = { light: [255, 255, 255], dark: [22, 24, 28] };
const THEMES = {
  light: "",
  dark: "<style>html { background: #16181c; color: #e6e4e0 }</style>",
};

/** The contrast ratio of two sRGB colours (WCAG 2.2, relative luminance). */
function ratio(a: number[], b: number[]): number {
  const lum = (c: number[]) => {
    const [r, g, bl] = c.map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/**
 * The background (most frequent colour) of a screenshot and its contrast with the pixel that
 * differs most from it, computed in `decoder` (a blank page) with `ratio`.
 */
async function measure(decoder: Page, png: Buffer): Promise<{ bg: number[]; fg: number[]; r: number }> {
  return decoder.evaluate(
    async ([b64, ratioSource]) => {
      const contrast = new Function(`return ${ratioSource}`)() as typeof ratio;
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
      const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext("2d")!;
      ctx.drawImage(bitmap, 0, 0);
      const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      const freq = new Map<number, number>();
      for (let i = 0; i < data.length; i += 4) {
        const key = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
        freq.set(key, (freq.get(key) ?? 0) + 1);
      }
      const rgb = (k: number) => [k >> 16, (k >> 8) & 255, k & 255];
      const bg = rgb([...freq].sort((a, b) => b[1] - a[1])[0]![0]);
      let fg = bg;
      let r = 1;
      for (const key of freq.keys()) {
        const c = rgb(key);
        const cr = contrast(c, bg);
        if (cr > r) [r, fg] = [cr, c];
      }
      return { bg, fg, r };
    },
    [png.toString("base64"), ratio.toString()] as const,
  );
}

interface Control {
  name: string;
  at: (page: Page) => Locator;
  /** 3:1 for a control whose only content is an icon (WCAG 1.4.11), else 4.5:1 (1.4.3). */
  min?: number;
  /** Pressing it would act (post, delete): checked at rest, hover, focus and disabled only. */
  noPress?: boolean;
}

const inWidget = (page: Page) => page.locator("#causette");
const CONTROLS: Control[] = [
  {
    name: "Post comment",
    at: (p) => inWidget(p).getByRole("button", { name: "Post comment" }).first(),
    noPress: true,
  },
  { name: "Cancel", at: (p) => inWidget(p).getByRole("button", { name: "Cancel" }) },
  { name: "Reply", at: (p) => inWidget(p).getByRole("button", { name: "Reply" }).first() },
  { name: "Edit", at: (p) => inWidget(p).getByRole("button", { name: "Edit" }).first() },
  { name: "Delete", at: (p) => inWidget(p).getByRole("button", { name: "Delete" }).first(), noPress: true },
  {
    name: "Like (pressed)",
    at: (p) => inWidget(p).getByRole("button", { name: "Like", exact: true }).first(),
    min: 3,
  },
  { name: "Dislike", at: (p) => inWidget(p).getByRole("button", { name: "Dislike" }).first(), min: 3 },
  {
    name: "Sort (current)",
    at: (p) => inWidget(p).getByRole("navigation", { name: "Sort" }).getByRole("link", { name: "Oldest" }),
    noPress: true,
  },
  {
    name: "Sort (other)",
    at: (p) => inWidget(p).getByRole("navigation", { name: "Sort" }).getByRole("link", { name: "Newest" }),
    noPress: true,
  },
  { name: "author link", at: (p) => inWidget(p).getByRole("link", { name: "Zoe" }).first() },
  { name: "permalink", at: (p) => inWidget(p).locator("a[href^='#comment-']").first() },
  {
    name: "Name field",
    at: (p) => inWidget(p).getByRole("textbox", { name: "Name" }).first(),
    noPress: true,
  },
];

async function openThread(ctx: BrowserContext, theme: keyof typeof THEMES): Promise<Page> {
  host.set(`/contrast/`, blogPage({ server: server.url, head: THEMES[theme] }));
  const page = await ctx.newPage();
  await page.goto(`${host.origin}/contrast/`);
  await ready(page);
  // An own comment (Edit, Delete), with a website (a link), a pressed vote and an open reply form.
  await page.getByRole("textbox", { name: "Comment" }).fill(`Mine, in the ${theme} theme`);
  await page.getByRole("textbox", { name: "Name" }).fill("Zoe");
  await page.getByRole("textbox", { name: "Website" }).fill("https://zoe.example");
  await page.getByRole("button", { name: "Post comment" }).click();
  await page.getByRole("article", { name: "Zoe" }).getByRole("button", { name: "Edit" }).waitFor();
  await page.getByRole("article", { name: "Ann" }).getByRole("button", { name: "Like", exact: true }).click();
  await page.locator("#causette [aria-pressed=true]").waitFor();
  await page.getByRole("article", { name: "Ann" }).getByRole("button", { name: "Reply" }).click();
  await page.getByRole("textbox", { name: "Name" }).first().fill("Zoe");
  // The highlight of the new comment has faded (its 2.5 s animation is over).
  await page.waitForFunction(() =>
    [...document.querySelector("#causette")!.shadowRoot!.querySelectorAll(".highlight")]
      .flatMap((e) => e.getAnimations())
      .every((a) => a.playState === "finished"),
  );
  await page.mouse.move(0, 0);
  return page;
}

describe("contrast of every control, in every state (WCAG 2.2 AA)", () => {
  for (const theme of Object.keys(THEMES) as (keyof typeof THEMES)[]) {
    it(`${theme} theme: rest, hover, focus, active and disabled`, { timeout: 120_000 }, async () => {
      const ctx = await browser.newContext({ deviceScaleFactor: 2, viewport: { width: 900, height: 1200 } });
      const page = await openThread(ctx, theme);
      const failures: string[] = [];
      const check = async (control: Control, state: string, el: Locator) => {
        const clip = (await el.boundingBox())!;
        const png = await page.screenshot({ clip });
        const { bg, fg, r } = await measure(decoder, png);
        if (r < (control.min ?? 4.5))
          failures.push(`${control.name} (${state}): ${r.toFixed(2)}:1, rgb(${fg}) on rgb(${bg})`);
      };
      for (const control of CONTROLS) {
        const el = control.at(page);
        await el.scrollIntoViewIfNeeded();
        await check(control, "rest", el);
        await el.hover();
        await check(control, "hover", el);
        if (!control.noPress) {
          const box = (await el.boundingBox())!;
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
          await page.mouse.down();
          await check(control, "active", el);
          // Released elsewhere: no click.
          await page.mouse.move(0, 0);
          await page.mouse.up();
        }
        await page.mouse.move(0, 0);
        // Keyboard focus (:focus-visible), and its ring: 3:1 against the page.
        await page.keyboard.press("Shift");
        await el.focus();
        await check(control, "focus", el);
        const ring = await el.evaluate((e) => {
          const s = getComputedStyle(e);
          return s.outlineStyle === "none"
            ? null
            : s.outlineColor
                .match(/[\d.]+/g)!
                .slice(0, 3)
                .map(Number);
        });
        if (!ring || ratio(ring, PAGE_BG[theme]) < 3) failures.push(`${control.name}: focus ring ${ring}`);
        await el.blur();
        if (control.name === "Post comment") {
          await el.evaluate((b) => {
            (b as HTMLButtonElement).disabled = true;
          });
          await check(control, "disabled", el);
          await el.evaluate((b) => {
            (b as HTMLButtonElement).disabled = false;
          });
        }
      }
      expect(failures).toEqual([]);
      await ctx.close();
    });
  }
});
