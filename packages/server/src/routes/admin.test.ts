import { brotliDecompressSync } from "node:zlib";
import type {
  AdminComment,
  AdminListResponse,
  CreateCommentResponse,
  ListCommentsResponse,
} from "@causette/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { loadConfig } from "../config.js";
import { issueFormToken } from "../security/form-token.js";
import { adminLogin, cookieOf, post, type TestApp, testApp } from "../test-utils/app.js";
import { DATABASE_URL, postgresStore, storeTargets } from "../test-utils/stores.js";
import { LOGIN_ATTEMPTS_MAX } from "./admin.js";

const PASSWORD = "correct horse battery staple";

/** Every admin route but login and logout, with a body where one is needed. */
const GUARDED: [string, string, unknown?][] = [
  ["GET", "/api/admin/session"],
  ["GET", "/api/admin/comments"],
  ["GET", "/api/admin/comments?status=pending"],
  ["POST", "/api/admin/comments/bulk", { ids: ["AAAA"], action: "approve" }],
  ["POST", "/api/admin/comments/AAAA/approve"],
  ["POST", "/api/admin/comments/AAAA/spam"],
  ["POST", "/api/admin/comments/AAAA/delete"],
  ["POST", "/api/admin/comments/AAAA/restore"],
  ["PATCH", "/api/admin/comments/AAAA", { body: "x" }],
  ["POST", "/api/admin/comments/AAAA/reply", { body: "x" }],
  ["POST", "/api/admin/pages/lock", { page: "/p/", locked: true }],
  ["GET", "/api/admin/pages"],
  ["GET", "/api/admin/bans"],
  ["POST", "/api/admin/bans", { kind: "word", value: "x" }],
  ["DELETE", "/api/admin/bans/AAAA"],
  ["POST", "/api/admin/import?format=wordpress", "<rss/>"],
  ["GET", "/api/admin/no-such-route"],
];

let t: TestApp;
const login = (headers: Record<string, string> = {}) => adminLogin(t, PASSWORD, headers);

describe("admin with no CAUSETTE_ADMIN_PASSWORD", () => {
  it("answers 404 admin_disabled on every route, login and logout included", async () => {
    const off = await testApp({ adminPassword: null });
    try {
      for (const [method, path, body] of [
        ...GUARDED,
        ["POST", "/api/admin/login", { password: "" }],
        ["POST", "/api/admin/logout"],
      ] as [string, string, unknown?][]) {
        const res = await off.call(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("admin_disabled");
      }
    } finally {
      await off.cleanup();
    }
  });
});

describe("admin sessions", () => {
  beforeEach(async () => {
    // Behind a reverse proxy (X-Forwarded-For names the client, X-Forwarded-Proto the scheme).
    t = await testApp({ adminPassword: PASSWORD, moderation: "first", trustProxy: ["loopback"] });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it("refuses every route without a session, with a forged cookie and with a logged-out one", async () => {
    const cookie = await login();
    expect((await t.call("GET", "/api/admin/session", undefined, { Cookie: cookie })).status).toBe(200);
    expect((await t.call("POST", "/api/admin/logout", undefined, { Cookie: cookie })).status).toBe(204);
    const forged = `causette_admin=${"A".repeat(43)}`;
    for (const headers of [
      {} as Record<string, string>,
      { Cookie: forged },
      { Cookie: cookie },
      { Cookie: "causette_admin=../../x" },
    ]) {
      for (const [method, path, body] of GUARDED) {
        const res = await t.call(method, path, body, headers);
        expect(res.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
      }
    }
  });

  it("sets an HttpOnly, SameSite=Strict cookie on path /, Secure behind HTTPS", async () => {
    const res = await t.call("POST", "/api/admin/login", { password: PASSWORD });
    const set = res.headers.get("Set-Cookie") ?? "";
    expect(set).toMatch(/^causette_admin=[\w-]{43};/);
    expect(set).toContain("HttpOnly");
    expect(set).toContain("SameSite=Strict");
    expect(set).toContain("Path=/");
    expect(set).not.toContain("Secure");
    const https = await t.call(
      "POST",
      "/api/admin/login",
      { password: PASSWORD },
      { "X-Forwarded-Proto": "https" },
    );
    expect(https.headers.get("Set-Cookie")).toContain("Secure");
    // Only the token's hash is stored: the cookie's value is not a key in the database.
    expect(await t.store.admin.hasSession(cookieOf(res).split("=")[1]!, new Date().toISOString())).toBe(
      false,
    );
  });

  it("answers 401 bad_credentials to a wrong password, and 429 after 10 failures even to the right one", async () => {
    for (let i = 0; i < 10; i++) {
      const res = await t.call("POST", "/api/admin/login", { password: `guess ${i}` });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("bad_credentials");
    }
    const res = await t.call("POST", "/api/admin/login", { password: PASSWORD });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(800);
    expect(res.headers.get("Set-Cookie")).toBeNull();
    // Another client is not affected.
    await login({ "X-Forwarded-For": "198.51.100.7" });
    // Twelve scrypt hashes at N = 2^15: slow on purpose, slower still on a busy machine.
  }, 30_000);

  it("refuses a login with no password or a wrong type, and malformed bodies", async () => {
    expect((await t.call("POST", "/api/admin/login", {})).status).toBe(401);
    expect((await t.call("POST", "/api/admin/login", { password: 12345 })).status).toBe(401);
    expect((await t.call("POST", "/api/admin/login", "{nope")).status).toBe(400);
  });

  it("refuses writes from another origin (CSRF), accepts its own origin and no origin", async () => {
    const evil = await t.call(
      "POST",
      "/api/admin/login",
      { password: PASSWORD },
      { Origin: "http://localhost:9999" },
    );
    expect(evil.status).toBe(403);
    expect(((await evil.json()) as { error: { code: string } }).error.code).toBe("origin_not_allowed");
    const cookie = await login({ Origin: "http://localhost" });
    const res = await t.call(
      "POST",
      "/api/admin/pages/lock",
      { page: "/p/", locked: true },
      {
        Cookie: cookie,
        Origin: "https://attacker.example",
      },
    );
    expect(res.status).toBe(403);
    const site = await t.call(
      "POST",
      "/api/admin/pages/lock",
      { page: "/p/", locked: true },
      {
        Cookie: cookie,
        "Sec-Fetch-Site": "same-site",
      },
    );
    expect(site.status).toBe(403);
    const proxied = await t.app.request("http://comments.example.com/api/admin/pages/lock", {
      method: "POST",
      body: JSON.stringify({ page: "/p/", locked: true }),
      headers: {
        "Content-Type": "application/json",
        Cookie: cookie,
        Origin: "https://comments.example.com",
        "X-Forwarded-Proto": "https",
      },
    });
    expect(proxied.status).toBe(200);
  });
});

describe("the login lockout", () => {
  for (const target of storeTargets("admin_lockout")) {
    it(`checks at most ${LOGIN_ATTEMPTS_MAX} of 200 concurrent guesses (${target.label})`, async () => {
      const db = await target.open();
      try {
        const config = { ...loadConfig({}), adminPassword: PASSWORD, rateLimit: 0, trustProxy: ["loopback"] };
        // On PostgreSQL, two servers on one database: the count must hold across them. (Two
        // SQLite connections in one process would block each other: SQLite serves one machine.)
        const stores = target.label === "postgres" ? [db.store, await db.another()] : [db.store];
        const servers = stores.map((store) => createApp({ store, config }));
        const attempt = (i: number) =>
          servers[i % servers.length]!.request("/api/admin/login", {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-Forwarded-For": "203.0.113.66" },
            body: JSON.stringify({ password: i === 100 ? PASSWORD : `guess ${i}` }),
          });
        const statuses = (await Promise.all(Array.from({ length: 200 }, (_, i) => attempt(i)))).map(
          (res) => res.status,
        );
        const count = (status: number) => statuses.filter((s) => s === status).length;
        expect(count(401)).toBeLessThanOrEqual(LOGIN_ATTEMPTS_MAX);
        expect(count(401) + count(204)).toBeLessThanOrEqual(LOGIN_ATTEMPTS_MAX + 1);
        expect(count(429)).toBeGreaterThanOrEqual(200 - LOGIN_ATTEMPTS_MAX - 1);
        expect(count(401) + count(204) + count(429)).toBe(200);
      } finally {
        await db.cleanup();
      }
    }, 60_000);
  }

  it("keeps counting the failures around a success: the right password does not wipe them", async () => {
    t = await testApp({ adminPassword: PASSWORD, trustProxy: ["loopback"] });
    try {
      const from = { "X-Forwarded-For": "203.0.113.67" };
      for (let i = 0; i < LOGIN_ATTEMPTS_MAX - 1; i++)
        expect((await t.call("POST", "/api/admin/login", { password: `guess ${i}` }, from)).status).toBe(401);
      await login(from);
      expect((await t.call("POST", "/api/admin/login", { password: "one more" }, from)).status).toBe(401);
      expect((await t.call("POST", "/api/admin/login", { password: PASSWORD }, from)).status).toBe(429);
    } finally {
      await t.cleanup();
    }
  }, 30_000);
});

describe("sessions and the password", () => {
  it("ends every session when CAUSETTE_ADMIN_PASSWORD changes", async () => {
    const db = await storeTargets("admin_password")[0]!.open();
    try {
      const config = { ...loadConfig({}), adminPassword: PASSWORD, rateLimit: 0 };
      const before = createApp({ store: db.store, config });
      const res = await before.request("/api/admin/login", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ password: PASSWORD }),
      });
      const cookie = cookieOf(res);
      const session = (app: typeof before) =>
        app.request("/api/admin/session", { headers: { Cookie: cookie } });
      expect((await session(before)).status).toBe(200);
      // A restart with the same password keeps the session; with a new one, it is gone.
      expect((await session(createApp({ store: db.store, config }))).status).toBe(200);
      const after = createApp({
        store: db.store,
        config: { ...config, adminPassword: "a brand new password" },
      });
      expect((await session(after)).status).toBe(401);
    } finally {
      await db.cleanup();
    }
  }, 30_000);

  it("logs out everywhere: every session ends, and only a logged-in admin may ask", async () => {
    t = await testApp({ adminPassword: PASSWORD });
    try {
      const [laptop, phone] = [await login(), await login()];
      expect((await t.call("POST", "/api/admin/logout-everywhere")).status).toBe(401);
      expect((await t.call("GET", "/api/admin/session", undefined, { Cookie: phone })).status).toBe(200);
      expect(
        (await t.call("POST", "/api/admin/logout-everywhere", undefined, { Cookie: laptop })).status,
      ).toBe(204);
      for (const cookie of [laptop, phone])
        expect((await t.call("GET", "/api/admin/session", undefined, { Cookie: cookie })).status).toBe(401);
    } finally {
      await t.cleanup();
    }
  }, 30_000);
});

describe("the admin's own origin", () => {
  const lock = (
    app: TestApp,
    cookie: string,
    headers: Record<string, string>,
    url = "http://127.0.0.1:8787",
  ) =>
    app.app.request(`${url}/api/admin/pages/lock`, {
      method: "POST",
      body: JSON.stringify({ page: "/p/", locked: true }),
      headers: { "Content-Type": "application/json", Cookie: cookie, ...headers },
    });

  it("is the server's, not the blogs' of CAUSETTE_ORIGINS: the admin logs in and writes", async () => {
    t = await testApp({
      adminPassword: PASSWORD,
      origins: ["https://blog.example.com"],
      trustProxy: ["loopback"],
    });
    try {
      const own = { Origin: "https://comments.example.com", "X-Forwarded-Proto": "https" };
      const res = await t.app.request("http://comments.example.com/api/admin/login", {
        method: "POST",
        body: JSON.stringify({ password: PASSWORD }),
        headers: { "Content-Type": "application/json", ...own },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get("Set-Cookie")).toContain("Secure");
      const cookie = cookieOf(res);
      expect((await lock(t, cookie, own, "http://comments.example.com")).status).toBe(200);
      // A blog allowed to post comments is still another origin for the admin.
      expect(
        (await lock(t, cookie, { Origin: "https://blog.example.com" }, "http://comments.example.com")).status,
      ).toBe(403);
    } finally {
      await t.cleanup();
    }
  }, 30_000);

  it("trusts X-Forwarded-Proto and X-Forwarded-Host only from a configured proxy", async () => {
    t = await testApp({ adminPassword: PASSWORD });
    try {
      const cookie = await login();
      const forged = {
        Origin: "https://evil.example",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "evil.example",
      };
      expect((await lock(t, cookie, forged)).status).toBe(403);
      const https = await t.call(
        "POST",
        "/api/admin/login",
        { password: PASSWORD },
        { "X-Forwarded-Proto": "https" },
      );
      expect(https.headers.get("Set-Cookie")).not.toContain("Secure");
    } finally {
      await t.cleanup();
    }
  }, 30_000);

  it("is CAUSETTE_PUBLIC_URL when set, whatever the request says", async () => {
    t = await testApp({ adminPassword: PASSWORD, publicUrl: "https://comments.example.com" });
    try {
      const res = await t.call(
        "POST",
        "/api/admin/login",
        { password: PASSWORD },
        {
          Origin: "https://comments.example.com",
        },
      );
      expect(res.status).toBe(204);
      expect(res.headers.get("Set-Cookie")).toContain("Secure");
      expect((await lock(t, cookieOf(res), { Origin: "http://127.0.0.1:8787" })).status).toBe(403);
    } finally {
      await t.cleanup();
    }
  }, 30_000);
});

describe("moderating through the admin API", () => {
  let cookie: string;
  const as = (method: string, path: string, body?: unknown) => t.call(method, path, body, { Cookie: cookie });
  const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;

  beforeEach(async () => {
    t = await testApp({ adminPassword: PASSWORD, moderation: "first" });
    cookie = await login();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  async function held(page = "/mod/", email = "reader@example.org", body = "A first comment") {
    const res = await t.call(
      "POST",
      "/api/comments",
      post(page, { author: { name: "Reader", email }, body }),
    );
    expect(res.status).toBe(201);
    return (await res.json()) as CreateCommentResponse;
  }
  const publicIds = async (page = "/mod/") =>
    (await json<ListCommentsResponse>(t.call("GET", `/api/comments?page=${page}`))).comments.map((c) => c.id);

  it("lists the queue with e-mail, client hash and reasons, and approves into the public thread", async () => {
    const { comment } = await held();
    const session = await json<{ pending: number; moderation: string; sites: string[] }>(
      as("GET", "/api/admin/session"),
    );
    expect(session).toEqual({ moderation: "first", sites: ["default"], pending: 1 });
    const queue = await json<AdminListResponse>(as("GET", "/api/admin/comments?status=pending"));
    expect(queue.comments).toHaveLength(1);
    expect(queue.comments[0]).toMatchObject({
      id: comment.id,
      email: "reader@example.org",
      status: "pending",
      pageLocked: false,
    });
    expect(queue.comments[0]!.reasons).toEqual(["first_comment", "missing_form_token"]);
    expect(queue.comments[0]!.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await publicIds()).toEqual([]);
    const approved = await json<{ comment: AdminComment }>(
      as("POST", `/api/admin/comments/${comment.id}/approve`),
    );
    expect(approved.comment.status).toBe("approved");
    expect(await publicIds()).toEqual([comment.id]);
    // The author is known now: the next comment with a form token is published at once.
    const next = await t.call(
      "POST",
      "/api/comments",
      post("/mod/", {
        author: { name: "Reader", email: "READER@example.org" },
        formToken: issueFormToken(await t.store.secret(), Date.now() - 20_000),
      }),
    );
    expect(((await next.json()) as CreateCommentResponse).comment.status).toBe("approved");
  });

  it("marks spam, deletes and restores, one by one and in bulk", async () => {
    const a = (await held("/mod/", "a@example.org", "one")).comment;
    const b = (await held("/mod/", "b@example.org", "two")).comment;
    await as("POST", "/api/admin/comments/bulk", { ids: [a.id, b.id], action: "approve" });
    expect(await publicIds()).toHaveLength(2);
    const spam = await json<{ comment: AdminComment }>(as("POST", `/api/admin/comments/${a.id}/spam`));
    expect(spam.comment).toMatchObject({
      status: "spam",
      reasons: ["first_comment", "missing_form_token", "manual"],
    });
    expect(await publicIds()).toEqual([b.id]);
    await as("POST", `/api/admin/comments/${b.id}/delete`);
    expect(await publicIds()).toEqual([]);
    const restored = await json<{ comments: AdminComment[] }>(
      as("POST", "/api/admin/comments/bulk", { ids: [a.id, b.id, "unknownid"], action: "restore" }),
    );
    expect(restored.comments.map((c) => c.status)).toEqual(["approved", "approved"]);
    expect((await publicIds()).sort()).toEqual([a.id, b.id].sort());
    expect((await as("POST", "/api/admin/comments/unknownid/approve")).status).toBe(404);
    expect((await as("POST", "/api/admin/comments/bulk", { ids: [], action: "approve" })).status).toBe(400);
    expect((await as("POST", "/api/admin/comments/bulk", { ids: [a.id], action: "nuke" })).status).toBe(400);
  });

  it("filters by status, page, site and text", async () => {
    await held("/one/", "x@example.org", "about bicycles");
    await held("/two/", "y@example.org", "about trains");
    const ids = async (q: string) =>
      (await json<AdminListResponse>(as("GET", `/api/admin/comments?${q}`))).comments.map((c) => c.body);
    expect(await ids("page=/one/")).toEqual(["about bicycles"]);
    expect(await ids("q=TRAINS")).toEqual(["about trains"]);
    expect(await ids("q=y@example")).toEqual(["about trains"]);
    expect(await ids("status=approved")).toEqual([]);
    expect(await ids("site=other")).toEqual([]);
    expect((await as("GET", "/api/admin/comments?status=weird")).status).toBe(400);
  });

  it("edits a comment's Markdown and renders it safely again", async () => {
    const { comment } = await held();
    const res = await json<{ comment: AdminComment }>(
      as("PATCH", `/api/admin/comments/${comment.id}`, { body: "Now **bold** <script>x()</script>" }),
    );
    expect(res.comment.body).toBe("Now **bold** <script>x()</script>");
    expect(res.comment.html).toContain("<strong>bold</strong>");
    expect(res.comment.html).not.toContain("<script");
    expect(res.comment.editedAt).not.toBeNull();
    expect((await as("PATCH", `/api/admin/comments/${comment.id}`, { body: "  " })).status).toBe(400);
  });

  it("replies as moderator: published at once with the badge, and the held parent with it", async () => {
    const { comment } = await held();
    const res = await as("POST", `/api/admin/comments/${comment.id}/reply`, {
      body: "Thanks!",
      name: "Selma",
    });
    expect(res.status).toBe(201);
    const reply = ((await res.json()) as { comment: AdminComment }).comment;
    expect(reply).toMatchObject({ parentId: comment.id, status: "approved", email: null });
    const thread = await json<ListCommentsResponse>(t.call("GET", "/api/comments?page=/mod/"));
    expect(thread.comments.map((c) => [c.id, c.author.name, c.author.isModerator])).toEqual([
      [comment.id, "Reader", false],
      [reply.id, "Selma", true],
    ]);
  });

  it("bans an author by e-mail or client hash: past comments to spam, new ones too", async () => {
    const first = (await held("/mod/", "troll@example.org", "first")).comment;
    await as("POST", `/api/admin/comments/${first.id}/approve`);
    const res = await as("POST", "/api/admin/bans", { kind: "email", commentId: first.id, spamAll: true });
    expect(res.status).toBe(201);
    const { ban, marked } = (await res.json()) as { ban: { id: string; value: string }; marked: number };
    expect(ban.value).toBe("troll@example.org");
    expect(marked).toBe(1);
    expect(await publicIds()).toEqual([]);
    const again = await held("/mod/", "Troll@Example.org", "second");
    const listed = await json<AdminListResponse>(as("GET", "/api/admin/comments?status=spam"));
    expect(listed.comments.find((c) => c.id === again.comment.id)?.reasons).toEqual(["blocked_email"]);
    // The reader is not told: the answer looks like a held comment.
    expect(again.comment.status).toBe("pending");

    const ipBan = await as("POST", "/api/admin/bans", { kind: "ip", commentId: first.id });
    expect(ipBan.status).toBe(201);
    const anyone = await held("/mod/", "new@example.org", "from the same machine");
    const spam = await json<AdminListResponse>(as("GET", "/api/admin/comments?status=spam"));
    expect(spam.comments.find((c) => c.id === anyone.comment.id)?.reasons).toEqual(["blocked_ip"]);

    const bans = await json<{ bans: { id: string }[] }>(as("GET", "/api/admin/bans"));
    expect(bans.bans).toHaveLength(2);
    expect((await as("DELETE", `/api/admin/bans/${ban.id}`)).status).toBe(204);
    expect((await as("DELETE", `/api/admin/bans/${ban.id}`)).status).toBe(404);
  });

  it("blocks words and refuses bad block-list entries", async () => {
    expect((await as("POST", "/api/admin/bans", { kind: "word", value: "Casino" })).status).toBe(201);
    await held("/w/", "p@example.org", "Best CASINO bonus");
    const spam = await json<AdminListResponse>(as("GET", "/api/admin/comments?status=spam"));
    expect(spam.comments.map((c) => c.reasons)).toEqual([["blocked_word"]]);
    expect((await as("POST", "/api/admin/bans", { kind: "email", value: "not an address" })).status).toBe(
      400,
    );
    expect((await as("POST", "/api/admin/bans", { kind: "ip", value: "1.2.3.4" })).status).toBe(400);
    expect((await as("POST", "/api/admin/bans", { kind: "planet", value: "x" })).status).toBe(400);
    expect((await as("POST", "/api/admin/bans", { kind: "word", value: "" })).status).toBe(400);
  });

  it("locks a page: the public form gets 403 page_locked and the thread says locked", async () => {
    await held("/lock/");
    const res = await json<{ page: { locked: boolean; id: string } }>(
      as("POST", "/api/admin/pages/lock", { page: "/lock/", locked: true }),
    );
    expect(res.page).toMatchObject({ id: "/lock/", locked: true });
    const refused = await t.call("POST", "/api/comments", post("/lock/"));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("page_locked");
    expect((await json<ListCommentsResponse>(t.call("GET", "/api/comments?page=/lock/"))).page.locked).toBe(
      true,
    );
    const pages = await json<{ pages: { id: string; locked: boolean; pending: number }[] }>(
      as("GET", "/api/admin/pages"),
    );
    expect(pages.pages).toEqual([expect.objectContaining({ id: "/lock/", locked: true, pending: 1 })]);
    await as("POST", "/api/admin/pages/lock", { page: "/lock/", locked: false });
    expect((await t.call("POST", "/api/comments", post("/lock/"))).status).toBe(201);
    expect((await as("POST", "/api/admin/pages/lock", { page: "/lock/", locked: "yes" })).status).toBe(400);
  });
});

describe("the admin page", () => {
  beforeEach(async () => {
    t = await testApp({ adminPassword: PASSWORD });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it("is served at /admin/ with a strict CSP, and its assets with it", async () => {
    expect((await t.app.request("/admin")).status).toBe(301);
    const res = await t.app.request("/admin/");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/html");
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    const html = await res.text();
    expect(html).not.toMatch(/<script>(?!<)|<style|style=/);
    const assets = [...html.matchAll(/(?:src|href)="(\/admin\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const path of assets) {
      const a = await t.app.request(path);
      expect(a.status, path).toBe(200);
      expect(a.headers.get("Cache-Control")).toContain("immutable");
    }
    expect((await t.app.request("/admin/assets/nope.js")).status).toBe(404);
  });

  it("sends its files compressed when the browser accepts it, keeping its own headers", async () => {
    const plain = await t.app.request("/admin/");
    const res = await t.app.request("/admin/", { headers: { "Accept-Encoding": "gzip, br" } });
    expect(res.headers.get("Content-Encoding")).toBe("br");
    expect(res.headers.get("Vary")).toBe("Accept-Encoding");
    expect(res.headers.get("Cache-Control")).toBe("no-cache");
    expect(res.headers.get("Content-Security-Policy")).toBe(plain.headers.get("Content-Security-Policy"));
    expect(res.headers.get("Cross-Origin-Resource-Policy")).toBe("same-origin");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
    const body = new Uint8Array(await res.arrayBuffer());
    expect(brotliDecompressSync(body).toString()).toBe(await plain.text());
    const again = await t.app.request("/admin/", {
      headers: { "Accept-Encoding": "br", "If-None-Match": res.headers.get("ETag")! },
    });
    expect(again.status).toBe(304);
  });
});

describe.skipIf(!DATABASE_URL)("the admin API on PostgreSQL", () => {
  it("logs in and out, approves, bans and locks", async () => {
    const pg = await testApp({ adminPassword: PASSWORD, moderation: "first" }, () =>
      postgresStore("admin_api"),
    );
    try {
      const res = await pg.call("POST", "/api/admin/login", { password: PASSWORD });
      expect(res.status).toBe(204);
      const cookie = cookieOf(res);
      const as = (method: string, path: string, body?: unknown) =>
        pg.call(method, path, body, { Cookie: cookie });
      const created = await pg.call(
        "POST",
        "/api/comments",
        post("/pg/", { author: { name: "P", email: "p@x.org" } }),
      );
      const { comment } = (await created.json()) as CreateCommentResponse;
      expect(comment.status).toBe("pending");
      expect((await as("POST", `/api/admin/comments/${comment.id}/approve`)).status).toBe(200);
      const ban = await as("POST", "/api/admin/bans", {
        kind: "email",
        commentId: comment.id,
        spamAll: true,
      });
      expect(((await ban.json()) as { marked: number }).marked).toBe(1);
      expect((await as("POST", "/api/admin/pages/lock", { page: "/pg/", locked: true })).status).toBe(200);
      expect((await pg.call("POST", "/api/comments", post("/pg/"))).status).toBe(403);
      const pages = (await (await as("GET", "/api/admin/pages")).json()) as { pages: { locked: boolean }[] };
      expect(pages.pages).toEqual([expect.objectContaining({ id: "/pg/", locked: true, commentCount: 0 })]);
      await as("POST", "/api/admin/logout");
      expect((await as("GET", "/api/admin/session")).status).toBe(401);
    } finally {
      await pg.cleanup();
    }
  }, 30_000);
});
