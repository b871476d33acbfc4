import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AxeViolation, axe, launchBrowser, recordRequests } from "./harness/browser.js";
import { type RunningServer, startServer } from "./harness/server.js";

// What a newcomer sees after `pnpm start`: the server with `--examples` on a fresh
// database serves the example blog at `/`, with the demo discussions written into it.

const FR = "/fr/publier-moins-repondre-plus/";
const EN = "/en/notebook-not-calendar/";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({}, ["--examples"]), launchBrowser()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.stop()]);
});

async function open(path: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser.newPage();
  const requests = recordRequests(page);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(server.url + path);
  return { page, requests, errors };
}

/** Requests that left the Causette server (data: and blob: URLs stay in the page). */
function thirdParty(requests: string[]): string[] {
  return requests.filter((u) => !u.startsWith(`${server.url}/`) && !/^(data|blob):/.test(u));
}

/**
 * Violations in the blog's own markup. Nodes inside a shadow root (Causette's widget, quote
 * boxes and share bar) have a nested selector in axe's target; their checks belong to the
 * widget's own tests.
 */
function ownViolations(violations: AxeViolation[]): AxeViolation[] {
  return violations
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !(n.target as unknown[]).some(Array.isArray)) }))
    .filter((v) => v.nodes.length > 0);
}

/** Brings the comments into view (they load as they near it) and waits for `min` of them. */
async function showComments(page: Page, min: number): Promise<void> {
  await page.locator("#causette").scrollIntoViewIfNeeded();
  await expect
    .poll(
      () =>
        page.evaluate(
          () => document.querySelector("#causette")?.shadowRoot?.querySelectorAll("article").length ?? 0,
        ),
      { timeout: 15_000 },
    )
    .toBeGreaterThanOrEqual(min);
}

/** No violation in the blog's markup, no request elsewhere, no error; then closes the page. */
async function expectClean({ page, requests, errors }: Awaited<ReturnType<typeof open>>): Promise<void> {
  expect(ownViolations(await axe(page))).toEqual([]);
  expect(thirdParty(requests)).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
}

const countText = (page: Page, id: string) =>
  page.locator(`[data-causette-count][data-page-id="${id}"]`).first().textContent();

describe("the example blog (`causette serve --examples` on a fresh database)", () => {
  it("serves the blog's own files next to the API", async () => {
    for (const [path, type] of [
      ["/", "text/html"],
      [FR, "text/html"],
      [EN, "text/html"],
      ["/style.css", "text/css"],
      ["/theme.js", "javascript"],
      ["/embed.js", "javascript"],
    ] as const) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toContain(type);
    }
    const counts = await fetch(
      `${server.url}/api/counts?page=${encodeURIComponent(FR)}&page=${encodeURIComponent(EN)}`,
    );
    const body = (await counts.json()) as { counts: Record<string, number> };
    expect(body.counts[FR]).toBeGreaterThanOrEqual(15);
    expect(body.counts[EN]).toBeGreaterThan(0);
  });

  it("lists both posts on the index with their comment counts", async () => {
    const { page, requests, errors } = await open("/");
    await expect
      .poll(() => page.locator(".post-card h2 a").allTextContents())
      .toEqual(["Publier moins, répondre plus", "Keep a notebook, not a content calendar"]);
    await expect.poll(() => countText(page, FR), { timeout: 10_000 }).toMatch(/\b1[5-9]\b|\b[2-9]\d\b/);
    await expect.poll(() => countText(page, EN), { timeout: 10_000 }).toMatch(/\b[1-9]\d*\b/);
    // The English card (lang="en" on a French index) speaks English.
    expect(await countText(page, EN)).toMatch(/^\d+ comments… add one$/);
    expect(await countText(page, FR)).toMatch(/^\d+ commentaires… ajoute le tien$/);
    await expectClean({ page, requests, errors });
  });

  it("shows the French post with its quote boxes, share bar, count and a discussion of ≥ 15 comments", async () => {
    const { page, requests, errors } = await open(FR);
    await showComments(page, 15);
    // Threads three levels deep, with the author answering.
    const deepest = await page.evaluate(() => {
      const root = document.querySelector("#causette")?.shadowRoot;
      let max = 0;
      for (const a of root?.querySelectorAll("article") ?? []) {
        let depth = 0;
        for (let el: Element | null = a; el && el !== root?.host; el = el.parentElement) {
          if (el.tagName === "ARTICLE") depth++;
        }
        max = Math.max(max, depth);
      }
      return max;
    });
    expect(deepest).toBeGreaterThanOrEqual(3);
    // The count line sits under the title and links down to the discussion, rather than
    // repeating the number of the discussion's heading right above it.
    expect(await page.locator(".post-header [data-causette-count]").count()).toBe(1);
    expect(await page.locator(".post-footer [data-causette-count]").count()).toBe(0);
    expect(await page.evaluate(() => document.querySelector("#causette")?.shadowRoot?.textContent)).toContain(
      "Selma",
    );

    // Two click-to-tweet boxes, each one control with its own label.
    const boxes = await page.evaluate(() =>
      [...document.querySelectorAll("[data-causette-tweet]")].map((el) => {
        const scope = el.shadowRoot ?? el;
        return { text: el.textContent ?? "", controls: scope.querySelectorAll("button, a[href]").length };
      }),
    );
    expect(boxes).toHaveLength(2);
    for (const box of boxes) expect(box.controls).toBeGreaterThanOrEqual(1);

    // The share bar renders its buttons.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const el = document.querySelector("[data-causette-share]");
          return (el?.shadowRoot ?? el)?.querySelectorAll("button, a[href]").length ?? 0;
        }),
      )
      .toBeGreaterThanOrEqual(2);

    // "{ 17 commentaires… ajoute le tien }"
    await expect.poll(() => countText(page, FR)).toMatch(/\d+\s*commentaires/i);

    await expectClean({ page, requests, errors });
  });

  it("shows the English post with its own discussion, in English", async () => {
    const { page, requests, errors } = await open(EN);
    await showComments(page, 5);
    await expect.poll(() => countText(page, EN)).toMatch(/\d+\s*comments/i);
    await expectClean({ page, requests, errors });
  });

  it("lets a newcomer answer a reader on the French post, and the answer stays after a reload", async () => {
    const { page, errors } = await open(FR);
    await page.locator("#causette").scrollIntoViewIfNeeded();
    const bastien = page.locator("#causette article", { hasText: "Bastien" }).first();
    await bastien.getByRole("button", { name: "Répondre" }).click();
    // The reply form opens under the comment, with the focus in its text area.
    await page.keyboard.type("Bienvenue Bastien, et bon courage pour la boulangerie !");
    await bastien.locator("input[name=name]").fill("Une nouvelle lectrice");
    await bastien.getByRole("button", { name: "Publier" }).click();
    const reply = bastien.locator("article", { hasText: "Une nouvelle lectrice" });
    await expect.poll(() => reply.count(), { timeout: 10_000 }).toBe(1);
    await page.reload();
    await page.locator("#causette").scrollIntoViewIfNeeded();
    // Still there, still nested under Bastien's comment.
    await expect.poll(() => reply.count(), { timeout: 10_000 }).toBe(1);
    expect(await reply.textContent()).toContain("bon courage pour la boulangerie");
    await expect.poll(() => countText(page, FR)).toMatch(/18\s*commentaires/i);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("switches the blog to dark mode with its toggle, and remembers it", async () => {
    const { page } = await open(FR);
    const toggle = page.locator("[data-theme-toggle]");
    await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("false");
    await toggle.click();
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    expect(await toggle.getAttribute("aria-pressed")).toBe("true");
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    expect(ownViolations(await axe(page))).toEqual([]);
    await page.close();
  });
});
