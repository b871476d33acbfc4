/** An app over a real SQLite file (or PostgreSQL), for in-process route tests. */
import type { Hono } from "hono";
import { expect } from "vitest";
import { createApp } from "../app.js";
import { type Config, loadConfig } from "../config.js";
import { sqliteStore, type TestStore } from "./stores.js";

export interface TestApp {
  app: Hono;
  store: TestStore["store"];
  cleanup: () => Promise<void>;
  /** JSON request helper: `call("POST", "/api/comments", body, headers)`. */
  call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>;
}

export async function testApp(
  config: Partial<Config> = {},
  open: () => Promise<TestStore> = sqliteStore,
): Promise<TestApp> {
  const t = await open();
  const app = createApp({ store: t.store, config: { ...loadConfig({}), rateLimit: 0, ...config } });
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    Promise.resolve(
      app.request(path, {
        method,
        headers: body === undefined ? headers : { "Content-Type": "application/json", ...headers },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
  return { app, store: t.store, cleanup: t.cleanup, call };
}

let posted = 0;
// Each body differs: the same text twice on one page from one client is refused as a duplicate.
export const post = (page = "/post/", extra: Record<string, unknown> = {}) => ({
  page,
  author: { name: "Ana" },
  body: `Hello *world* (${++posted})`,
  ...extra,
});

/** A response's JSON, loosely typed: the tests check it with assertions. */
// biome-ignore lint/suspicious/noExplicitAny: checked by the tests' assertions.
export const json = (res: Response): Promise<any> => res.json();

/** The session cookie (`name=value`) a response sets. */
export function cookieOf(res: Response): string {
  return (res.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
}

/** Logs in to the admin of `t` with `password`; returns the session cookie to send back. */
export async function adminLogin(
  t: TestApp,
  password: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const res = await t.call("POST", "/api/admin/login", { password }, headers);
  expect(res.status).toBe(204);
  return cookieOf(res);
}
