/**
 * @module embed
 * The script-tag loader (`<script src=".../embed.js" async>`). It stays tiny: it reads its
 * options, and loads the comments app only when the page has a comments container, as the
 * container nears the viewport, or at once when the URL points at a comment.
 */
import { optionsFromScript } from "./core/config.js";
import type { CommentsOptions } from "./core/options.js";

const script = document.currentScript as HTMLScriptElement | null;

function start(): void {
  if (!script) return;
  const options = optionsFromScript(script);
  const base = new URL(".", script.src).href;
  const containers = document.querySelectorAll<HTMLElement>("#causette, [data-causette-comments]");
  for (const el of containers) lazyMount(el, options, base);
}

function lazyMount(el: HTMLElement, options: CommentsOptions, base: string): void {
  const load = () =>
    import(/* @vite-ignore */ `${base}comments.js`).then((app: { mount: typeof mountType }) =>
      app.mount(el, options),
    );
  if (/^#comment-/.test(location.hash) || !("IntersectionObserver" in window)) {
    load();
    return;
  }
  const io = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        io.disconnect();
        load();
      }
    },
    { rootMargin: "800px 0px" },
  );
  io.observe(el);
}

declare function mountType(el: HTMLElement, options: CommentsOptions): () => void;

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
