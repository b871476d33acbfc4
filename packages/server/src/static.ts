import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, extname, join, normalize, relative, resolve, sep } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Context, MiddlewareHandler } from "hono";
import { acceptedEncoding } from "./encoding.js";

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".map": "application/json; charset=utf-8",
};

export interface Asset {
  body: Uint8Array;
  type: string;
  etag: string;
  cacheControl: string;
  /** The body compressed once, at load: what browsers download (the budgets are gzip sizes). */
  encoded?: Record<"br" | "gzip", Uint8Array>;
}

/** Text worth compressing; images are compressed already. */
const COMPRESSIBLE = /\.(js|css|html|json|svg|map)$/;

/** Adds the brotli (quality 11) and gzip (level 9) bodies, when both are smaller. */
async function precompress(asset: Asset): Promise<void> {
  const [br, gzipped] = await Promise.all([
    brotli(asset.body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: asset.body.length,
      },
    }),
    gz(asset.body, { level: 9 }),
  ]);
  if (br.length < asset.body.length && gzipped.length < asset.body.length) {
    asset.encoded = { br: new Uint8Array(br), gzip: new Uint8Array(gzipped) };
  }
}

/** A content-hashed file name, e.g. `chunks/fr-3b2a9c1d.js`, never changes: cache it for a year. */
const HASHED = /[-.][A-Za-z0-9_-]{8,}\.(js|css)$/;

/**
 * Loads every file of a folder into memory once (they are a few kilobytes), compressed with
 * brotli and gzip once (on zlib's thread pool, not the event loop), and serves them with
 * their content type, a strong ETag, and caching headers: a year, immutable, for
 * content-hashed names; a short, revalidated cache for stable names such as `embed.js`.
 */
export async function loadAssets(root: string): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>();
  const compressing: Promise<void>[] = [];
  async function walk(dir: string): Promise<void> {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(path);
        continue;
      }
      const body = new Uint8Array(await readFile(path));
      const name = relative(root, path).split(sep).join("/");
      const hash = createHash("sha256").update(body).digest("base64url").slice(0, 22);
      const asset: Asset = {
        body,
        type: TYPES[extname(name)] ?? "application/octet-stream",
        etag: `"${hash}"`,
        cacheControl: HASHED.test(name)
          ? "public, max-age=31536000, immutable"
          : "public, max-age=300, stale-while-revalidate=86400",
      };
      assets.set(`/${name}`, asset);
      if (COMPRESSIBLE.test(name)) compressing.push(precompress(asset));
    }
  }
  await walk(root);
  await Promise.all(compressing);
  return assets;
}

/** Where the widget's script-tag files are built. */
export function widgetAssetsDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@causette/widget/package.json")), "dist", "embed");
}

/** The widget's files and the example blog are loaded by pages on other origins. */
const CROSS_ORIGIN: Record<string, string> = {
  // As a classic script and as modules (import()).
  "Access-Control-Allow-Origin": "*",
  "Cross-Origin-Resource-Policy": "cross-origin",
};

/**
 * Answers one asset, compressed as the client accepts, honouring `If-None-Match`; `extra`
 * headers (cross-origin by default) are added last, so they may override the asset's own.
 */
export function serveAsset(c: Context, asset: Asset, extra: Record<string, string> = CROSS_ORIGIN): Response {
  const encoding = asset.encoded ? acceptedEncoding(c.req.header("Accept-Encoding") ?? "") : null;
  // One strong ETag per representation: the bytes differ with the encoding.
  const etag = encoding ? `${asset.etag.slice(0, -1)}-${encoding}"` : asset.etag;
  const headers: Record<string, string> = {
    "Content-Type": asset.type,
    ETag: etag,
    "Cache-Control": asset.cacheControl,
    "X-Content-Type-Options": "nosniff",
    ...extra,
  };
  if (asset.encoded) headers.Vary = "Accept-Encoding";
  if (encoding) headers["Content-Encoding"] = encoding;
  if (c.req.header("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  const body = encoding ? asset.encoded![encoding] : asset.body;
  return new Response(c.req.method === "HEAD" ? null : body, { status: 200, headers });
}

/**
 * Serves a folder as a static site (the example blog): `index.html` for folders, revalidated
 * on every load, nothing outside the folder.
 */
export function serveDirectory(root: string): MiddlewareHandler {
  const base = resolve(root);
  return async (c, next) => {
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      return next();
    }
    if (path.includes("\0")) return next();
    let file = resolve(base, `.${normalize(`/${path}`)}`);
    if (file !== base && !file.startsWith(base + sep)) return next();
    try {
      if ((await stat(file)).isDirectory()) {
        if (!c.req.path.endsWith("/")) return c.redirect(`${c.req.path}/`, 301);
        file = join(file, "index.html");
      }
      const body = new Uint8Array(await readFile(file));
      const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
      return serveAsset(c, {
        body,
        etag,
        type: TYPES[extname(file)] ?? "application/octet-stream",
        cacheControl: "no-cache",
      });
    } catch {
      return next();
    }
  };
}
