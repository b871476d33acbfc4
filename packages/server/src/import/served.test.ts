import type { CountsResponse, ListCommentsResponse } from "@causette/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../test-utils/app.js";
import { fixture, importFile } from "../test-utils/import-fixtures.js";

// What readers see of an import, through the public API the widget calls.
describe("imported comments, as the widget gets them", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
    await importFile(t.store, "wordpress", fixture("wordpress.xml"));
  });
  afterEach(() => t.cleanup());

  it("shows the thread, with placeholders in place of spam that was answered", async () => {
    const res = await t.call(
      "GET",
      `/api/comments?page=${encodeURIComponent("/2019/03/ranger-sa-cuisine/")}`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as ListCommentsResponse;
    const byName = new Map(body.comments.map((c) => [c.author.name, c]));
    // Approved comments and their replies; pending and spam never reach readers.
    expect([...byName.keys()].sort()).toEqual(["", "Lise", "Lost Reply", "Nadia", "Paul"]);
    const paul = byName.get("Paul")!;
    const lise = byName.get("Lise")!;
    expect(lise.parentId).toBe(paul.id);
    expect(lise.author.isModerator).toBe(true);
    const placeholder = byName.get("")!;
    expect(placeholder.status).toBe("deleted");
    expect(placeholder.html).toBe("");
    expect(byName.get("Nadia")!.parentId).toBe(placeholder.id);
    // No e-mail address in anything a reader receives.
    expect(JSON.stringify(body)).not.toMatch(/@example\.org|@carnet\.example/);
  });

  it("counts approved comments and honours a closed post", async () => {
    const res = await t.call("GET", "/api/counts?page=/2019/03/ranger-sa-cuisine/&page=/about/&page=/never/");
    const counts = (await res.json()) as CountsResponse;
    expect(counts.counts).toEqual({ "/2019/03/ranger-sa-cuisine/": 4, "/about/": 1, "/never/": 0 });
    const about = (await (await t.call("GET", "/api/comments?page=/about/")).json()) as ListCommentsResponse;
    expect(about.page.locked).toBe(true);
    const reply = await t.call("POST", "/api/comments", {
      page: "/about/",
      author: { name: "Late" },
      body: "Too late?",
    });
    expect(reply.status).toBe(403);
  });
});
