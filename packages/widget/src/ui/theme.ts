// In its own module since the loader has it too (core/kit.ts): re-exported here.
export { isDark } from "./dark.js";

/** Calls `onChange` whenever the host switches its theme (attributes, or the system scheme). */
export function watchTheme(onChange: () => void): () => void {
  const mo = new MutationObserver(onChange);
  for (const node of [document.documentElement, document.body])
    if (node) mo.observe(node, { attributes: true });
  const mq = matchMedia("(prefers-color-scheme: dark)");
  mq.addEventListener("change", onChange);
  return () => {
    mo.disconnect();
    mq.removeEventListener("change", onChange);
  };
}
