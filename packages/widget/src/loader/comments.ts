import { optionsFromScript } from "../core/config.js";
import type { CommentsOptions } from "../core/options.js";

type AppModule = { mount: (el: HTMLElement, options: CommentsOptions) => () => void };

/**
 * Finds the comments containers (`#causette`, `[data-causette-comments]`) and loads the
 * comments app for each as it nears the viewport — at once when the URL points at a comment.
 */
export function startComments(script: HTMLScriptElement): void {
  const containers = document.querySelectorAll<HTMLElement>("#causette, [data-causette-comments]");
  if (!containers.length) return;
  const options = optionsFromScript(script);
  const base = new URL(".", script.src).href;
  for (const el of containers) lazyMount(el, options, base);
}

function lazyMount(el: HTMLElement, options: CommentsOptions, base: string): void {
  const load = () =>
    import(/* @vite-ignore */ `${base}comments.js`).then((app: AppModule) => app.mount(el, options));
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
