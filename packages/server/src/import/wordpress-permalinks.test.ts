/**
 * WordPress sites with plain permalinks (`/?p=123`): posts get the ids the widget derives
 * with `data-page-id-param` (core/page-id.ts in the widget; the rule is `pageIdQuery`).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sanitizeCommentHtml } from "../render/markdown.js";
import { sqliteStore, type TestStore } from "../test-utils/stores.js";
import { importXml } from "./run.js";

/** A WXR export with one comment on each of `links`. */
function wxr(links: string[]): string {
  const items = links.map(
    (
      link,
      i,
    ) => `<item><title>Post ${i}</title><link>${link.replaceAll("&", "&amp;")}</link><wp:post_id>${i + 1}</wp:post_id>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:comment><wp:comment_id>${i + 100}</wp:comment_id><wp:comment_author>Ana</wp:comment_author>
<wp:comment_date_gmt>2019-03-02 09:00:00</wp:comment_date_gmt><wp:comment_content>On post ${i}</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Blog</title>
${items.join("\n")}
</channel></rss>`;
}

describe("import wordpress with plain permalinks", () => {
  let dir: string;
  const opened: TestStore[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "causette-wp-plain-"));
  });
  afterAll(async () => {
    for (const t of opened) await t.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  async function run(links: string[], pageIdParam?: string) {
    const file = join(dir, `export-${opened.length}.xml`);
    await writeFile(file, wxr(links));
    const t = await sqliteStore();
    opened.push(t);
    const report = await importXml("wordpress", {
      file,
      store: t.store,
      site: "default",
      sanitize: sanitizeCommentHtml,
      pageIdParam,
    });
    const { pages } = await t.store.exportAll("default");
    return { report, paths: pages.map((p) => p.path) };
  }

  it("--page-id-param maps posts to the ids the widget derives, in a subfolder too", async () => {
    const links = [
      "https://carnet.example/blog/?p=12",
      "https://carnet.example/blog/?page_id=3",
      "https://carnet.example/blog/?p=14&replytocom=2",
      "https://carnet.example/blog/2019/pretty/",
    ];
    const { paths } = await run(links, "p,page_id");
    expect(paths.sort()).toEqual(["/blog/2019/pretty/", "/blog/?p=12", "/blog/?p=14", "/blog/?page_id=3"]);
    // Without it, posts in a subfolder all share one page.
    expect((await run(links)).paths.sort()).toEqual(["/blog/", "/blog/2019/pretty/"]);
  });

  it("without the flag, recognises plain permalinks at the root and says which attribute to add", async () => {
    const { paths, report } = await run(["https://carnet.example/?p=5", "https://carnet.example/?page_id=6"]);
    expect(paths.sort()).toEqual(["/?p=5", "/?page_id=6"]);
    expect(report.warnings.map((w) => w.message).join("\n")).toContain('data-page-id-param="p,page_id"');
  });
});
