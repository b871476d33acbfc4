import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIELD_CORPUS } from "../../../types/test/field-corpus.js";
import { json, type TestApp, testApp } from "../test-utils/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.cleanup());

// The widget's form check runs the same corpus (packages/widget/src/comments/validate.test.ts):
// both must give the verdict the corpus states, field included.
describe("POST /api/comments on the shared field corpus", () => {
  it.each(FIELD_CORPUS.map((c, i) => ({ ...c, i })))("$label", async (c) => {
    const author: Record<string, string> = {};
    if (c.name !== undefined) author.name = c.name;
    if (c.email !== undefined) author.email = c.email;
    if (c.website !== undefined) author.website = c.website;
    const res = await t.call("POST", "/api/comments", { page: `/corpus/${c.i}/`, author, body: c.body });
    if (c.expect === null) {
      expect(res.status, await res.clone().text()).toBe(201);
      const { comment } = await json(res);
      if (c.website)
        expect(comment.author.website === null || /^https?:\/\//.test(comment.author.website)).toBe(true);
    } else {
      expect(res.status).toBe(400);
      expect((await json(res)).error).toMatchObject({ code: "invalid_field", field: c.expect.field });
    }
  });
});
