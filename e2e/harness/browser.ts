import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../scripts/ensure-chromium.mjs";

/** Debian's Chromium, never a downloaded browser (one launch for tests, screenshots and benchmarks). */
export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown; html: string }[];
}

/** Runs axe-core in the page (open shadow roots included) and returns its violations. */
export async function axe(page: Page, include?: string): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(
    async ({ tags, include }) => {
      // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time.
      const axe = (window as any).axe;
      const context = include ? { include: [[include]] } : document;
      const result = await axe.run(context, { runOnly: { type: "tag", values: tags } });
      // biome-ignore lint/suspicious/noExplicitAny: axe's result objects
      return result.violations.map((v: any) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        // biome-ignore lint/suspicious/noExplicitAny: axe's node objects
        nodes: v.nodes.map((n: any) => ({ target: n.target, html: n.html })),
      }));
    },
    { tags: AXE_TAGS, include },
  );
}

/** Records every request the page makes, to check that nothing goes to a third party. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (req) => urls.push(req.url()));
  return urls;
}
