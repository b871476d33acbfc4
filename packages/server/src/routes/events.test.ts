/**
 * `GET /api/events` in-process on SQLite: what readers are sent (exactly the public JSON of
 * `GET /api/comments`, never a held comment), and a reconnection's catch-up from the log.
 */
import type { Comment, CreateCommentResponse, ListCommentsResponse } from "@causette/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Outbox } from "../outbox/outbox.js";
import { adminLogin, json, post, type TestApp, testApp } from "../test-utils/app.js";
import { SseReader } from "../test-utils/sse.js";

const PASSWORD = "a long enough admin password";
let t: TestApp;
const readers: SseReader[] = [];

async function stream(page = "/live/", headers: Record<string, string> = {}): Promise<SseReader> {
  const res = await t.app.request(`/api/events?page=${encodeURIComponent(page)}`, { headers });
  expect(res.status).toBe(200);
  const reader = new SseReader(res.body);
  readers.push(reader);
  // A first connection is told where the log stands; a reconnection is caught up instead.
  if (!headers["Last-Event-ID"]) expect(Number((await reader.until("ready")).id)).toBeGreaterThanOrEqual(0);
  return reader;
}

async function listed(page = "/live/"): Promise<Comment[]> {
  return (await json(await t.call("GET", `/api/comments?page=${encodeURIComponent(page)}`))).comments;
}

beforeEach(async () => {
  t = await testApp({ adminPassword: PASSWORD, moderation: "none" });
});
afterEach(async () => {
  for (const r of readers.splice(0)) await r.close();
  await t.cleanup();
});

describe("GET /api/events", () => {
  it("is a public event stream", async () => {
    const res = await t.app.request("/api/events?page=/live/", {
      headers: { Origin: "https://elsewhere.example" },
    });
    expect(res.headers.get("Content-Type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("Cache-Control")).toBe("no-cache, no-transform");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const reader = new SseReader(res.body);
    readers.push(reader);
    await reader.quiet(50);
    expect(reader.raw).toMatch(/^retry: \d+\n:ok\n\n/);
  });

  it("refuses a bad page or event id with a 4xx JSON error", async () => {
    expect((await t.call("GET", "/api/events")).status).toBe(400);
    const bad = await t.call("GET", "/api/events?page=/live/", undefined, { "Last-Event-ID": "x1" });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBe("invalid_field");
  });

  it("sends new, edited and deleted comments as GET /api/comments shows them, and scores", async () => {
    const reader = await stream();
    const other = await stream("/elsewhere/");
    const created = (await json(
      await t.call("POST", "/api/comments", post("/live/")),
    )) as CreateCommentResponse;
    const first = await reader.until("comment");
    expect(JSON.parse(first.data)).toEqual((await listed())[0]);
    expect(Number(first.id)).toBeGreaterThan(0);

    const auth = { Authorization: `Bearer ${created.editToken}` };
    await t.call("PATCH", `/api/comments/${created.comment.id}`, { body: "changed" }, auth);
    const edited = await reader.until("comment");
    expect(JSON.parse(edited.data)).toEqual((await listed())[0]);
    expect(Number(edited.id)).toBeGreaterThan(Number(first.id));

    await t.call(
      "POST",
      `/api/comments/${created.comment.id}/vote`,
      { value: 1 },
      { "X-Causette-Voter": "v1" },
    );
    const vote = await reader.until("vote");
    expect(JSON.parse(vote.data)).toEqual({ id: created.comment.id, score: 1 });

    await t.call("DELETE", `/api/comments/${created.comment.id}`, undefined, auth);
    const deleted = JSON.parse((await reader.until("comment")).data) as Comment;
    expect(deleted).toMatchObject({ id: created.comment.id, status: "deleted", html: "" });
    expect(deleted.author.name).toBe("");
    // Another page's stream heard none of it.
    expect(await other.quiet(100)).toBeNull();
  });

  it("never sends a held comment, sends it once approved, and removes one sent to spam", async () => {
    await t.cleanup();
    t = await testApp({ adminPassword: PASSWORD, moderation: "all" });
    const cookie = await adminLogin(t, PASSWORD);
    const reader = await stream();
    const held = (await json(await t.call("POST", "/api/comments", post("/live/")))) as CreateCommentResponse;
    expect(held.comment.status).toBe("pending");
    expect(await reader.quiet(150)).toBeNull();

    await t.call("POST", `/api/admin/comments/${held.comment.id}/approve`, undefined, { Cookie: cookie });
    const approved = JSON.parse((await reader.until("comment")).data) as Comment;
    expect(approved).toEqual((await listed())[0]);

    await t.call("POST", `/api/admin/comments/${held.comment.id}/spam`, undefined, { Cookie: cookie });
    expect(JSON.parse((await reader.until("remove")).data)).toEqual({ id: held.comment.id });
    expect(reader.raw).not.toContain('"status":"spam"');
  });

  it("catches a reconnecting reader up from the log, and tells one too far behind to reload", async () => {
    const a = (await json(await t.call("POST", "/api/comments", post("/live/")))) as CreateCommentResponse;
    const reader = await stream();
    const b = (await json(await t.call("POST", "/api/comments", post("/live/")))) as CreateCommentResponse;
    const seen = await reader.until("comment");
    expect(JSON.parse(seen.data).id).toBe(b.comment.id);
    await reader.close();

    // Missed while away: a new comment and a vote on the first one.
    const c = (await json(await t.call("POST", "/api/comments", post("/live/")))) as CreateCommentResponse;
    await t.call("POST", `/api/comments/${a.comment.id}/vote`, { value: 1 }, { "X-Causette-Voter": "v" });
    const back = await stream("/live/", { "Last-Event-ID": seen.id! });
    const missed = JSON.parse((await back.until("comment")).data) as Comment;
    expect(missed.id).toBe(c.comment.id);
    expect(JSON.parse((await back.until("vote")).data)).toEqual({ id: a.comment.id, score: 1 });
    expect(back.raw).not.toContain(b.comment.id);

    // The log pruned past the reader's id: it cannot be caught up (the outbox's dispatcher
    // has read the events first; the log keeps what it has not).
    await new Outbox(t.store).dispatchOnce();
    await t.store.events.prune(new Date(Date.now() + 60_000).toISOString());
    await t.call("POST", "/api/comments", post("/live/"));
    const late = await stream("/live/", { "Last-Event-ID": seen.id! });
    expect(JSON.parse((await late.until("reload")).data)).toEqual({ reason: "behind" });
  });

  it("resumes from the thread's eventId: what was written between the read and the stream is not missed", async () => {
    const before = (await json(
      await t.call("POST", "/api/comments", post("/live/")),
    )) as CreateCommentResponse;
    const read = (await json(await t.call("GET", "/api/comments?page=/live/"))) as ListCommentsResponse;
    expect(read.comments.map((c) => c.id)).toEqual([before.comment.id]);
    expect(read.eventId).toMatch(/^\d+$/);
    // Elsewhere on the site meanwhile: the id is the log's, not the page's.
    await t.call("POST", "/api/comments", post("/elsewhere/"));
    const between = (await json(
      await t.call("POST", "/api/comments", post("/live/")),
    )) as CreateCommentResponse;
    // The cached read says the same, and the HTML fragment carries it for the loader.
    const again = (await json(await t.call("GET", "/api/comments?page=/live/"))) as ListCommentsResponse;
    expect(Number(again.eventId)).toBeGreaterThan(Number(read.eventId));
    const html = await (await t.call("GET", "/api/comments.html?page=/live/")).text();
    expect(html).toContain(`data-event-id="${again.eventId}"`);
    // A stream opened from the first read's id gets the comment it lacks, and only that one.
    const reader = await stream("/live/", { "Last-Event-ID": read.eventId! });
    const got = JSON.parse((await reader.until("comment")).data) as Comment;
    expect(got.id).toBe(between.comment.id);
    await reader.quiet(50);
    expect(reader.raw).not.toContain(before.comment.id);
  });

  it("sends a heartbeat comment line to idle streams", async () => {
    const { LiveHub } = await import("../live/hub.js");
    const { EventBus } = await import("../comments/events.js");
    const hub = new LiveHub(t.store, new EventBus(), { heartbeatMs: 30 });
    const reader = new SseReader(hub.open("default", "/idle/", null));
    readers.push(reader);
    await reader.until("ready");
    await reader.quiet(120);
    expect(reader.raw.match(/^:\n\n/gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(hub.size).toBe(1);
    await reader.close();
    expect(hub.size).toBe(0);
    hub.close();
  });
});
