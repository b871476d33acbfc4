/**
 * @module embed
 * The script-tag loader (`<script src=".../embed.js" async>`). It stays tiny: it reads its
 * options from its own tag, renders the light parts (quote boxes, share bars, counts) as
 * plain DOM, and loads the comments app only on pages that have a comments container.
 */
import { startCounts } from "./counts/loader.js";
import { startComments } from "./loader/comments.js";
import { startShares } from "./share/loader.js";
import { startTweets } from "./tweet/loader.js";

const script = document.currentScript as HTMLScriptElement | null;

function start(): void {
  if (!script) return;
  startComments(script);
  startTweets(script);
  startShares(script);
  startCounts(script);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
