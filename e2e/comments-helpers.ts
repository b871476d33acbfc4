import type { Page } from "playwright-core";
import { blogPage } from "./harness/host.js";

/** CSS a careless or hostile theme might ship; none of it may reach the widget. */
export const HOSTILE_CSS = `<style>
  button { display: none !important; }
  input, textarea { visibility: hidden !important; }
  article { float: right; font-size: 4px !important; }
  ol, li { list-style: upper-roman !important; }
  * { color: #333; }
</style>`;

/** A post on the host, with the script tag and hostile CSS. */
export function hostPage(
  server: string,
  opts: Parameters<typeof blogPage>[0] extends infer O ? Partial<O> : never = {},
) {
  return blogPage({ server, head: HOSTILE_CSS, ...opts });
}

/** Creates comments through the API (as another reader would) and returns them. */
export async function seed(
  server: string,
  page: string,
  items: { body: string; name?: string; parent?: string }[],
): Promise<{ id: string }[]> {
  const out: { id: string }[] = [];
  for (const it of items) {
    const res = await fetch(`${server}/api/comments`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        page,
        parentId: it.parent,
        author: { name: it.name ?? "Reader" },
        body: it.body,
      }),
    });
    if (res.status !== 201) throw new Error(`seed: ${res.status} ${await res.text()}`);
    out.push(((await res.json()) as { comment: { id: string } }).comment);
  }
  return out;
}

/** Waits until the widget shows its thread (the count replaces "Loading comments…"): the server's HTML, before any app. */
export async function shown(page: Page, timeout?: number): Promise<void> {
  await page
    .locator("#causette section h2")
    .filter({
      hasText:
        /^(No comments yet|Aucun commentaire.*|[\d,.\s\u202f]+ comments?|[\d,.\s\u202f]+ commentaires?)$/,
    })
    .waitFor({ timeout });
}

/**
 * Waits until the thread is shown, then acts as a reader about to comment (the pointer over
 * the thread: the app loads on that intent) and waits until the app has hydrated it.
 */
export async function ready(page: Page): Promise<void> {
  await shown(page);
  await page.locator("#causette section h2").hover();
  await page.locator("#causette [data-live]").waitFor({ state: "attached" });
}

/** The ids of comment articles, with the id of the closest enclosing article (nesting). */
export function tree(page: Page): Promise<[string, string | null][]> {
  return page.evaluate(() =>
    [...document.querySelector("#causette")!.shadowRoot!.querySelectorAll("article")].map((a) => [
      a.id,
      a.parentElement?.closest("article")?.id ?? null,
    ]),
  );
}

/** The element focused inside the widget's shadow root, described. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.querySelector("#causette")!.shadowRoot!.activeElement as HTMLElement | null;
    return el ? `${el.tagName.toLowerCase()}#${el.id}` : "none";
  });
}
