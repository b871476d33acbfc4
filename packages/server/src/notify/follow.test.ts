// A reader's `notify` is written in the new comment's transaction (issue #14, "what the server
// acknowledged is never lost"): an accepted comment always has its subscription and its
// confirmation e-mail, a refused one never has them, and a failure while writing them takes
// the comment back too. On SQLite and, when DATABASE_URL is set, PostgreSQL.
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../store/schema.js";
import { json, post, type TestApp, testApp } from "../test-utils/app.js";
import { storeTargets } from "../test-utils/stores.js";
import { mailSettings } from "./settings.js";

// A relay that is never reached: the outbox is not started in these tests.
const MAIL = mailSettings({ CAUSETTE_SMTP_URL: "smtp://127.0.0.1:9" });

for (const target of storeTargets("notify_follow")) {
  describe(`notify in the comment's transaction (${target.label})`, () => {
    let t: TestApp;
    let db: Kysely<Database>;
    const rows = async (table: "comments" | "mail_addresses" | "subscriptions" | "outbox") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirst()
        )?.n,
      );
    const counts = async () => ({
      comments: await rows("comments"),
      addresses: await rows("mail_addresses"),
      subscriptions: await rows("subscriptions"),
      messages: await rows("outbox"),
    });

    beforeAll(async () => {
      t = await testApp({ publicUrl: "http://127.0.0.1:1", mail: MAIL }, target.open);
      db = (t.store as unknown as { db: Kysely<Database> }).db;
    });
    afterAll(async () => t?.cleanup());

    it("an accepted comment has its subscription and its confirmation as soon as it is answered", async () => {
      const res = await t.call(
        "POST",
        "/api/comments",
        post("/kept/", { author: { name: "Ana", email: "ana@x.test" }, notify: "replies", lang: "fr-FR" }),
      );
      expect(res.status).toBe(201);
      const { comment } = await json(res);
      // No outbox pass ran: what is there was written with the comment.
      const address = await t.store.subscriptions.findAddress("default", "ana@x.test");
      expect(address).toMatchObject({ lang: "fr-fr", confirmedAt: null });
      expect(await t.store.subscriptions.list(address!.id)).toMatchObject([
        { scope: "comment", target: comment.id, page: "/kept/" },
      ]);
      const messages = await t.store.outbox.list({ limit: 10 });
      expect(messages.map((m) => [m.kind, m.recipient, m.key])).toEqual([
        ["confirm", `mail:${address!.id}`, `confirm:${address!.id}`],
      ]);
      // "all" follows the page; the address is asked once; a tag that is not one is ignored.
      const all = await t.call(
        "POST",
        "/api/comments",
        post("/kept/", { author: { name: "Ana", email: "ANA@x.test" }, notify: "all", lang: "<b>" }),
      );
      expect(all.status).toBe(201);
      expect((await t.store.subscriptions.list(address!.id)).map((s) => [s.scope, s.target])).toEqual([
        ["comment", comment.id],
        ["page", "/kept/"],
      ]);
      expect(await t.store.subscriptions.findAddress("default", "ana@x.test")).toMatchObject({
        lang: "fr-fr",
      });
      expect(await t.store.outbox.list({ limit: 10 })).toHaveLength(1);
    });

    it("a comment refused in its transaction (locked page, unknown parent) leaves no subscription", async () => {
      const before = await counts();
      await t.store.setPageLocked("default", "/closed/", true);
      const locked = await t.call(
        "POST",
        "/api/comments",
        post("/closed/", { author: { name: "Bo", email: "bo@x.test" }, notify: "all" }),
      );
      expect(locked.status).toBe(403);
      expect((await json(locked)).error.code).toBe("page_locked");
      const orphan = await t.call(
        "POST",
        "/api/comments",
        post("/kept/", {
          parentId: "nosuchparent",
          author: { name: "Bo", email: "bo@x.test" },
          notify: "replies",
        }),
      );
      expect((await json(orphan)).error.code).toBe("parent_not_found");
      expect(await counts()).toEqual({ ...before });
      expect(await t.store.subscriptions.findAddress("default", "bo@x.test")).toBeNull();
    });

    it("a bot caught by the honeypot is answered as a person and follows nothing", async () => {
      const before = await counts();
      const res = await t.call(
        "POST",
        "/api/comments",
        post("/kept/", { author: { name: "Bot", email: "bot@x.test" }, notify: "all", hp: "filled" }),
      );
      expect(res.status).toBe(201);
      expect(await counts()).toEqual({ ...before, comments: before.comments + 1 });
      expect(await t.store.subscriptions.findAddress("default", "bot@x.test")).toBeNull();
    });

    it("when writing the confirmation fails, the comment is not written either (one transaction)", async () => {
      const before = await counts();
      if (target.label === "sqlite")
        await sql`CREATE TRIGGER outbox_refuses BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox refuses'); END`.execute(
          db,
        );
      else {
        await sql`CREATE FUNCTION outbox_refuses() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox refuses'; END $$`.execute(
          db,
        );
        await sql`CREATE TRIGGER outbox_refuses BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_refuses()`.execute(
          db,
        );
      }
      try {
        const res = await t.call(
          "POST",
          "/api/comments",
          post("/kept/", { author: { name: "Cy", email: "cy@x.test" }, notify: "replies" }),
        );
        expect(res.status).toBeGreaterThanOrEqual(500);
      } finally {
        await sql`DROP TRIGGER outbox_refuses${sql.raw(target.label === "sqlite" ? "" : " ON outbox")}`.execute(
          db,
        );
      }
      // Nothing of it: no comment without its subscription, no subscription without its comment.
      expect(await counts()).toEqual(before);
      expect(await t.store.subscriptions.findAddress("default", "cy@x.test")).toBeNull();
      // The same comment once the outbox takes writes again: all of it.
      const again = await t.call(
        "POST",
        "/api/comments",
        post("/kept/", { author: { name: "Cy", email: "cy@x.test" }, notify: "replies" }),
      );
      expect(again.status).toBe(201);
      expect(await counts()).toEqual({
        comments: before.comments + 1,
        addresses: before.addresses + 1,
        subscriptions: before.subscriptions + 1,
        messages: before.messages + 1,
      });
    });
  });
}
