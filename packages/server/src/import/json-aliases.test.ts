/** The aliases of page moves go through `causette export` and `import json` and come back. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sanitizeCommentHtml } from "../render/markdown.js";
import { newComment } from "../test-utils/comments.js";
import { exportText } from "../test-utils/import-fixtures.js";
import { storeTargets, type TestStore } from "../test-utils/stores.js";
import { importJson } from "./json.js";

describe.each(storeTargets("import_json_aliases"))(
  "aliases in export and import json ($label)",
  ({ open }) => {
    let a: TestStore;
    let b: TestStore;
    let dir: string;
    beforeEach(async () => {
      [a, b] = [await open(), await open()];
      dir = await mkdtemp(join(tmpdir(), "causette-aliases-"));
    });
    afterEach(async () => {
      await a.cleanup();
      await b.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    const importText = async (text: string) => {
      const file = join(dir, "export.json");
      await writeFile(file, text);
      await importJson({ file, store: b.store, site: null, sanitize: sanitizeCommentHtml });
    };

    it("round-trips the aliases byte for byte, and the new database serves old ids the moved thread", async () => {
      await a.store.createComment(newComment({ page: "/2016/old/" }));
      await a.store.moves.apply("move", "default", "/2016/old/", "/new/", "cli");
      await a.store.setPageLocked("default", "/empty/", false);
      await a.store.moves.apply("alias", "default", "/older/", "/2016/old/", "cli");
      const first = await exportText(a.store);
      expect(first).toContain('\n"aliases":[\n{"path":"/2016/old/","target":"/new/","createdAt":');

      await importText(first);
      expect(await exportText(b.store)).toBe(first);
      expect(await b.store.resolvePage("default", "/older/")).toBe("/new/");
      expect(
        await b.store.countApproved("default", [await b.store.resolvePage("default", "/2016/old/")]),
      ).toEqual({
        "/new/": 1,
      });
    });

    it("leaves the section out for a site without aliases, and reads a reformatted file with them", async () => {
      await a.store.createComment(newComment({ page: "/p/" }));
      expect(await exportText(a.store)).not.toContain("aliases");
      await a.store.moves.apply("alias", "default", "/q/", "/p/", "cli");
      await importText(JSON.stringify(JSON.parse(await exportText(a.store)), null, 2));
      expect(await b.store.resolvePage("default", "/q/")).toBe("/p/");
    });
  },
);
