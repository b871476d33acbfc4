/**
 * @module embed
 * The script-tag loader (`<script src=".../embed.js" async>`). It stays tiny: it reads its
 * options from its own tag and draws the quote boxes as plain DOM; everything else comes
 * only to pages that have it — the comments app where there is a comments container, the
 * share bar's and the counts' chunks where there are share bars or count elements, the
 * exact X counter where there are quote boxes.
 */
import { type Chunk, optionsFromScript } from "./core/config.js";
import { startComments } from "./loader/comments.js";
import { startPassages } from "./passages/listener.js";
import { startTweets } from "./tweet/loader.js";

type Share = typeof import("./share/chunk.js");
type Counts = typeof import("./counts/counts.js");

const script = document.currentScript as HTMLScriptElement | null;

function start(): void {
  if (!script) return;
  const options = optionsFromScript(script);
  const chunk: Chunk = (file) => import(/* @vite-ignore */ new URL(file, script.src).href);
  startComments(chunk, options, script.dataset);
  const discuss = startPassages(chunk, options, script.dataset);
  startTweets(chunk, { ...options, discuss });
  const bars = document.querySelectorAll<HTMLElement>("[data-causette-share]");
  // On failure the site owner's own markup stays.
  if (bars.length)
    chunk<Share>("share.js").then((share) => {
      for (const el of bars) share.mountShareBar(el, options);
    }, Boolean);
  if (document.querySelector("[data-causette-count]"))
    chunk<Counts>("counts.js").then((counts) => counts.mountCounts(document, options), Boolean);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
