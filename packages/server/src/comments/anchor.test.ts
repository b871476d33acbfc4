/**
 * Passages (issue #17): `anchor` on `POST /api/comments`, returned by `GET`, refused where the
 * contract says, carried by the admin's view and by export → import → export — on SQLite, and
 * on PostgreSQL when DATABASE_URL is set.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LIMITS } from "@causette/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importJson } from "../import/json.js";
import { sanitizeCommentHtml } from "../render/markdown.js";
import { json, post, type TestApp, testApp } from "../test-utils/app.js";
import { exportText } from "../test-utils/import-fixtures.js";
import { storeTargets } from "../test-utils/stores.js";
import { checkAnchor } from "./anchor.js";

const passage = {
  exact: "Les mots choisis",
  prefix: "Il faut lire « ",
  suffix: " » deux fois.",
  position: { start: 120, end: 136 },
};

describe("checkAnchor", () => {
  it("keeps a W3C TextQuoteSelector, trimmed and cleaned, with its position hint", () => {
    expect(checkAnchor({ ...passage, exact: "  Les mots choisis\n" })).toEqual({
      anchor: passage,
      problem: null,
    });
    expect(checkAnchor({ exact: "x\u0000y" }).anchor).toEqual({ exact: "xy", prefix: "", suffix: "" });
    expect(checkAnchor(undefined)).toEqual({ anchor: null, problem: null });
    expect(checkAnchor(null)).toEqual({ anchor: null, problem: null });
  });

  it("counts code points, not UTF-16 units, at the limits", () => {
    const emoji = "😀";
    expect(checkAnchor({ exact: emoji.repeat(LIMITS.passageMax) }).problem).toBeNull();
    expect(checkAnchor({ exact: emoji.repeat(LIMITS.passageMax + 1) }).problem).toMatch(
      /anchor.exact is longer/,
    );
    expect(
      checkAnchor({ exact: "a", prefix: emoji.repeat(64), suffix: emoji.repeat(64) }).problem,
    ).toBeNull();
    expect(checkAnchor({ exact: "a", prefix: "p".repeat(65) }).problem).toMatch(/anchor.prefix is longer/);
    expect(checkAnchor({ exact: "a", suffix: "s".repeat(65) }).problem).toMatch(/anchor.suffix is longer/);
  });

  it.each([
    ["a string", "words", /anchor must be an object/],
    ["an array", [], /anchor must be an object/],
    ["no exact", { prefix: "a" }, /anchor.exact must be a string/],
    ["blank exact", { exact: " \n\t" }, /anchor.exact is required/],
    ["a number as prefix", { exact: "a", prefix: 3 }, /anchor.prefix must be a string/],
    ["an object as suffix", { exact: "a", suffix: {} }, /anchor.suffix must be a string/],
    ["a reversed position", { exact: "a", position: { start: 5, end: 2 } }, /anchor.position/],
    ["a negative position", { exact: "a", position: { start: -1, end: 2 } }, /anchor.position/],
    ["a fractional position", { exact: "a", position: { start: 0.5, end: 2 } }, /anchor.position/],
    ["a position that is text", { exact: "a", position: "0-1" }, /anchor.position/],
  ])("refuses %s", (_, value, problem) => {
    expect(checkAnchor(value).problem).toMatch(problem);
  });
});

// The imports go to a second database of the same kind (its own PostgreSQL schema).
const copies = storeTargets("anchors_copy");
for (const target of storeTargets("anchors")) {
  const copy = copies.find((c) => c.label === target.label)!;
  describe(`anchors over the API on ${target.label}`, () => {
    let t: TestApp;
    let dir: string;
    beforeAll(async () => {
      t = await testApp({ moderation: "none", adminPassword: "correct horse battery" }, target.open);
      dir = await mkdtemp(join(tmpdir(), "causette-anchors-"));
    });
    afterAll(async () => {
      await t?.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    const create = (extra: Record<string, unknown>, page = "/passages/") =>
      t.call("POST", "/api/comments", post(page, extra));

    it("stores the passage of a root comment and GET returns it on the comment", async () => {
      const res = await create({ anchor: { ...passage, exact: ` ${passage.exact} ` } });
      expect(res.status).toBe(201);
      const created = await json(res);
      expect(created.comment.anchor).toEqual(passage);
      const list = await json(await t.call("GET", "/api/comments?page=/passages/"));
      expect(list.comments.find((c: { id: string }) => c.id === created.comment.id).anchor).toEqual(passage);
      // prefix and suffix may be left out; a comment without a passage has no `anchor` key.
      const bare = await json(await create({ anchor: { exact: "seul" } }));
      expect(bare.comment.anchor).toEqual({ exact: "seul", prefix: "", suffix: "" });
      const plain = await json(await create({}));
      expect("anchor" in plain.comment).toBe(false);
      const reply = await json(await create({ parentId: created.comment.id }));
      expect(reply.comment.parentId).toBe(created.comment.id);
      expect("anchor" in reply.comment).toBe(false);
    });

    it("refuses a reply that carries a passage: 400 invalid_field, field anchor", async () => {
      const root = await json(await create({}));
      const res = await create({ parentId: root.comment.id, anchor: passage });
      expect(res.status).toBe(400);
      expect((await json(res)).error).toMatchObject({ code: "invalid_field", field: "anchor" });
    });

    it.each([
      [{ exact: "" }],
      [{ exact: "x".repeat(LIMITS.passageMax + 1) }],
      [{ exact: "a", prefix: "p".repeat(LIMITS.passageContextMax + 1) }],
      [{ exact: "a", position: { start: 3, end: 3 } }],
      ["just text"],
      [42],
    ])("refuses the anchor %j with 400 invalid_field, field anchor", async (anchor) => {
      const res = await create({ anchor });
      expect(res.status).toBe(400);
      expect((await json(res)).error).toMatchObject({ code: "invalid_field", field: "anchor" });
    });

    it("shows the passage to the admin, hides it with a deleted comment, and carries it through export → import → export", async () => {
      const res = await t.call("POST", "/api/admin/login", { password: "correct horse battery" });
      const cookie = (res.headers.get("Set-Cookie") ?? "").split(";")[0]!;
      const admin = await json(
        await t.call("GET", "/api/admin/comments?page=/passages/", undefined, { Cookie: cookie }),
      );
      const anchored = admin.comments.filter((c: { anchor?: unknown }) => c.anchor);
      expect(anchored.map((c: { anchor: unknown }) => c.anchor)).toContainEqual(passage);

      const gone = await json(await create({ anchor: { exact: "bientôt supprimé" } }, "/gone/"));
      await t.store.updateComment(gone.comment.id, { status: "deleted", body: "", html: "" });
      const list = await json(await t.call("GET", "/api/comments?page=/gone/"));
      expect(list.comments.every((c: { anchor?: unknown }) => !("anchor" in c))).toBe(true);

      const first = await exportText(t.store);
      expect(first).toContain(`"anchor":${JSON.stringify(passage)}`);
      // A comment without a passage is written as before: no `"anchor":null` on its line.
      expect(first).not.toContain('"anchor":null');
      const file = join(dir, "export.json");
      await writeFile(file, first);
      const other = await copy.open();
      try {
        await importJson({ file, store: other.store, site: null, sanitize: sanitizeCommentHtml });
        expect(await exportText(other.store)).toBe(first);
        const thread = await other.store.listThreads({
          site: "default",
          page: "/passages/",
          sort: "oldest",
          limit: 50,
          cursor: null,
          statuses: ["approved"],
        });
        expect(thread.comments.map((c) => c.anchor)).toContainEqual(passage);
      } finally {
        await other.cleanup();
      }
    });

    it("refuses, in an import, a passage the API would refuse and a reply carrying one", async () => {
      const lines = (await exportText(t.store)).split("\n");
      const at = lines.findIndex((l) => l.includes('"anchor":{"exact":"Les mots choisis"'));
      const row = JSON.parse(lines[at]!.replace(/,$/, ""));
      const bad = { ...row, id: "badAnchor1", anchor: { exact: "x".repeat(LIMITS.passageMax + 1) } };
      const reply = { ...row, id: "replyAnchor1", parentId: row.id };
      lines.splice(at, 0, `${JSON.stringify(bad)},`, `${JSON.stringify(reply)},`);
      const file = join(dir, "hostile.json");
      await writeFile(file, lines.join("\n"));
      const other = await copy.open();
      try {
        const report = await importJson({
          file,
          store: other.store,
          site: null,
          sanitize: sanitizeCommentHtml,
        });
        expect(report.warnings.map((w) => w.message).join("\n")).toMatch(
          /badAnchor1: anchor.exact is longer/,
        );
        expect(report.warnings.map((w) => w.message).join("\n")).toMatch(
          /replyAnchor1: a reply carries an anchor/,
        );
        expect(await other.store.getComment("badAnchor1")).toBeNull();
        expect(await other.store.getComment("replyAnchor1")).toBeNull();
        expect((await other.store.getComment(row.id))?.anchor).toEqual(passage);
      } finally {
        await other.cleanup();
      }
    });
  });
}
