/**
 * One corpus of reader input for both sides of the contract: the server's schema test
 * (packages/server/src/comments/schemas.test.ts) posts every case to the real API, the
 * widget's test (packages/widget/src/comments/validate.test.ts) runs its form check on it,
 * and both must reach the verdict written here — so they reach the same one.
 */
import type { FieldProblem, ReaderField } from "../src/rules.js";

export interface FieldCase {
  label: string;
  name?: string;
  email?: string;
  website?: string;
  body?: string;
  /** null: accepted. Otherwise the first field at fault (body, then the author's fields). */
  expect: null | { field: ReaderField; problem: FieldProblem };
}

const longEmail = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(58)}.fr`; // 254

export const FIELD_CORPUS: FieldCase[] = [
  { label: "plain", name: "Ana", body: "Bonjour", expect: null },
  { label: "emoji name", name: "👩‍👩‍👧 Zoé", body: "🎉", expect: null },
  { label: "RTL and combining", name: "مرحبا e\u0301", body: "שלום", expect: null },
  { label: "localhost website", name: "Dev", website: "http://localhost:8080", body: "x", expect: null },
  { label: "IDN website", name: "Zoé", website: "https://exämple.fr/blog", body: "x", expect: null },
  { label: "website without scheme", name: "Zoé", website: "example.com", body: "x", expect: null },
  {
    label: "hostile website is dropped, not refused",
    name: "X",
    website: "javascript:alert(1)",
    body: "x",
    expect: null,
  },
  { label: "text as website", name: "X", website: "my blog", body: "x", expect: null },
  { label: "IDN e-mail", name: "Zoé", email: "zoé@exämple.fr", body: "x", expect: null },
  { label: "local e-mail", name: "Root", email: "root@localhost", body: "x", expect: null },
  { label: "254-character e-mail", name: "Long", email: longEmail, body: "x", expect: null },
  {
    label: "255-character e-mail",
    name: "Long",
    email: `a${longEmail}`,
    body: "x",
    expect: { field: "author.email", problem: "too_long" },
  },
  {
    label: "e-mail without @",
    name: "A",
    email: "not-an-email",
    body: "x",
    expect: { field: "author.email", problem: "invalid" },
  },
  {
    label: "e-mail with a space",
    name: "A",
    email: "a b@c.d",
    body: "x",
    expect: { field: "author.email", problem: "invalid" },
  },
  { label: "e-mail of spaces is none", name: "A", email: "   ", body: "x", expect: null },
  {
    label: "hostile text body",
    name: "<script>alert(1)</script>",
    body: '"><img src=x onerror=alert(1)>',
    expect: null,
  },
  { label: "empty body", name: "A", body: "", expect: { field: "body", problem: "required" } },
  {
    label: "body empty after trim",
    name: "A",
    body: " \n\t\u00a0 ",
    expect: { field: "body", problem: "required" },
  },
  { label: "body at the limit in emoji", name: "A", body: "😀".repeat(10_000), expect: null },
  {
    label: "body over the limit",
    name: "A",
    body: "a".repeat(10_001),
    expect: { field: "body", problem: "too_long" },
  },
  { label: "missing name", body: "x", expect: { field: "author.name", problem: "required" } },
  {
    label: "name empty after trim",
    name: "  \u3000 ",
    body: "x",
    expect: { field: "author.name", problem: "required" },
  },
  { label: "name at the limit", name: "n".repeat(100), body: "x", expect: null },
  { label: "name of 100 emoji", name: "🦊".repeat(100), body: "x", expect: null },
  {
    label: "name over the limit",
    name: "n".repeat(101),
    body: "x",
    expect: { field: "author.name", problem: "too_long" },
  },
  { label: "name with line breaks", name: "Ana\n\nBelle", body: "x", expect: null },
  {
    label: "website over the limit",
    name: "A",
    website: `https://example.com/${"p".repeat(481)}`,
    body: "x",
    expect: { field: "author.website", problem: "too_long" },
  },
  { label: "NUL only body", name: "A", body: "\u0000", expect: { field: "body", problem: "required" } },
];
