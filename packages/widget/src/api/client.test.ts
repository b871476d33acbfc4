// @vitest-environment node
// The API client against a real HTTP server on a local port: what ky sends, when it retries,
// and how the answers' error bodies become `Problem`s.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApi, isProblem, type Problem } from "./client.js";

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let base: string;
/** The answers, in order, for the next requests; and what was asked. */
let answers: Handler[] = [];
let seen: { method: string; url: string; at: number; headers: IncomingMessage["headers"]; body: string }[] =
  [];

const json =
  (status: number, data: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(data));
  };
const PAGE = {
  page: { id: "/p/", title: null, url: null, commentCount: 0, locked: false },
  comments: [],
  nextCursor: null,
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      seen.push({ method: req.method!, url: req.url!, at: Date.now(), headers: req.headers, body });
      (answers.shift() ?? json(500, { error: { code: "internal" } }))(req, res, body);
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
beforeEach(() => {
  answers = [];
  seen = [];
});

async function failure(p: Promise<unknown>): Promise<Problem> {
  const e = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isProblem(e), String(e)).toBe(true);
  return e as Problem;
}

describe("the API client (ky)", () => {
  it("reads a thread under the server's /api/ prefix, without absent parameters", async () => {
    answers.push(json(200, PAGE));
    const r = await createApi(`${base}/`).list({
      site: "default",
      page: "/p/",
      sort: "oldest",
      cursor: undefined,
    });
    expect(r.page.id).toBe("/p/");
    expect(seen[0]!.url).toBe("/api/comments?site=default&page=%2Fp%2F&sort=oldest");
  });

  it("retries a read answered 429 or 503 after the Retry-After the server names", async () => {
    answers.push(json(429, { error: { code: "rate_limited" } }, { "Retry-After": "1" }));
    answers.push(json(503, { error: { code: "storage_unavailable" } }, { "Retry-After": "1" }));
    answers.push(json(200, PAGE));
    await createApi(base).list({ page: "/p/" });
    expect(seen).toHaveLength(3);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(950);
    expect(seen[2]!.at - seen[1]!.at).toBeGreaterThanOrEqual(950);
  });

  it("gives up after two retries with the last answer's problem", async () => {
    for (let i = 0; i < 3; i++)
      answers.push(json(503, { error: { code: "storage_unavailable" } }, { "Retry-After": "0.1" }));
    const p = await failure(createApi(base).list({ page: "/p/" }));
    expect(p.code).toBe("storage_unavailable");
    expect(seen).toHaveLength(3);
  });

  it("never sends a write twice: a 429 on a post is the reader's problem, with its delay", async () => {
    answers.push(json(429, { error: { code: "rate_limited" } }, { "Retry-After": "42" }));
    const p = await failure(createApi(base).create({ page: "/p/", author: { name: "A" }, body: "Hi" }));
    expect(p.code).toBe("rate_limited");
    expect(p.retry).toBe(42);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe("POST");
    expect(JSON.parse(seen[0]!.body)).toEqual({ page: "/p/", author: { name: "A" }, body: "Hi" });
  });

  it("tags a new comment with the page's language when it has one (its e-mails are in it)", async () => {
    const created = { comment: { id: "c1" }, editToken: "t" };
    answers.push(json(201, created), json(201, created));
    await createApi(base, "fr-CA").create({ page: "/p/", author: { name: "A" }, body: "Salut" });
    await createApi(base).create({ page: "/p/", author: { name: "A" }, body: "Hi" });
    expect(JSON.parse(seen[0]!.body)).toEqual({
      lang: "fr-CA",
      page: "/p/",
      author: { name: "A" },
      body: "Salut",
    });
    expect(JSON.parse(seen[1]!.body)).not.toHaveProperty("lang");
  });

  it("does not retry other errors, and names the field at fault", async () => {
    answers.push(json(400, { error: { code: "invalid_field", field: "author.email", message: "…" } }));
    const p = await failure(createApi(base).list({ page: "/p/" }));
    expect(p).toMatchObject({ code: "invalid_field", field: "author.email" });
    expect(seen).toHaveLength(1);
  });

  it("sends the edit token and the voter id in their headers", async () => {
    answers.push(json(200, { comment: {} }), json(200, { score: 1, myVote: 1 }));
    const api = createApi(base);
    await api.edit("c/1", "tok", "New");
    await api.vote("c1", "voter", 1);
    expect(seen[0]).toMatchObject({ method: "PATCH", url: "/api/comments/c%2F1" });
    expect(seen[0]!.headers.authorization).toBe("Bearer tok");
    expect(seen[1]).toMatchObject({ method: "POST", url: "/api/comments/c1/vote" });
    expect(seen[1]!.headers["x-causette-voter"]).toBe("voter");
  });

  it("says 'http_<status>' for an answer without the API's error body", async () => {
    answers.push((_req, res) => {
      res.writeHead(502, { "Content-Type": "text/html" });
      res.end("<h1>Bad gateway</h1>");
    });
    expect((await failure(createApi(base).remove("c1", "tok"))).code).toBe("http_502");
  });

  it("says 'network' when no answer comes", async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, "127.0.0.1", ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((ok) => closed.close(() => ok()));
    expect((await failure(createApi(`http://127.0.0.1:${port}`).list({ page: "/p/" }))).code).toBe("network");
  });
});
