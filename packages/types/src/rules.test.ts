import { describe, expect, it } from "vitest";
import { FIELD_CORPUS } from "../test/field-corpus.js";

it("the corpus has a 254-character e-mail", () => {
  expect(FIELD_CORPUS.find((c) => c.label === "254-character e-mail")?.email).toHaveLength(254);
});

import { fieldProblem, websiteUrl } from "./rules.js";

describe("fieldProblem", () => {
  it.each(FIELD_CORPUS)("$label", (c) => {
    const fields = [
      ["body", c.body],
      ["author.name", c.name],
      ["author.email", c.email],
      ["author.website", c.website],
    ] as const;
    const first = fields
      .map(([field, value]) => [field, fieldProblem(field, value)] as const)
      .find(([, p]) => p);
    expect(first ? { field: first[0], problem: first[1] } : null).toEqual(c.expect);
  });
});

describe("websiteUrl", () => {
  it("keeps http(s) addresses in the URL parser's form and adds https:// to bare names", () => {
    expect(websiteUrl("http://localhost:8080")).toBe("http://localhost:8080/");
    expect(websiteUrl("https://exämple.fr/blog")).toBe("https://xn--exmple-cua.fr/blog");
    expect(websiteUrl("example.com")).toBe("https://example.com/");
    expect(websiteUrl("localhost:3000/me")).toBe("https://localhost:3000/me");
  });

  it("keeps nothing that is not a web address", () => {
    for (const text of [
      "javascript:alert(1)",
      "data:text/html,x",
      "mailto:a@b.c",
      "my blog",
      "ftp://x.y/",
      "https://user:pw@x.y/",
      "<script>",
    ])
      expect(websiteUrl(text), text).toBeUndefined();
  });
});
