/**
 * @module embed
 * The script-tag loader (`<script src=".../embed.js" async>`). It stays tiny: it reads its
 * options from its own tag; everything else comes only to pages that have it — the comments
 * app where there is a comments container, `light.js` (quote boxes, share bars, counts)
 * where there is one of those, the live client once a thread shows (in `light.js` if the page
 * fetches it, else `live.js`), the passages' chunks (issue #17) where the thread or the
 * reader needs them. The helpers it carries anyway it shares with those files (core/kit.ts).
 */
import { type Chunk, optionsFromScript } from "./core/config.js";
import { shareKit } from "./core/kit.js";
import { startLight } from "./light/start.js";
import { startComments } from "./loader/comments.js";
import { startPassages } from "./passages/listener.js";

const script = document.currentScript as HTMLScriptElement | null;

function start(): void {
  if (!script) return;
  const options = optionsFromScript(script);
  // Before any file is fetched: they take these helpers from the loader.
  shareKit();
  const chunk: Chunk = (file) => import(/* @vite-ignore */ new URL(file, script.src).href);
  // Before the comments, whose thread it marks (passages/listener.ts).
  const discuss = startPassages(chunk, options, script.dataset);
  startComments(chunk, options, script);
  startLight(chunk, { ...options, discuss });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
