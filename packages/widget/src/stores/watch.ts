import type { ReadableAtom } from "nanostores";
import type { Component } from "preact";

/**
 * The components' side of the stores: re-renders component `c` whenever one of `stores`
 * changes (it reads them in its render). Called in `componentDidMount`; returns the function
 * that stops, for `componentWillUnmount`. A class component's, not a hook: @nanostores/preact's
 * `useStore` would bring preact/hooks into `comments.js`, which has no hook today.
 */
export function watch(c: Pick<Component, "forceUpdate">, ...stores: ReadableAtom<unknown>[]): () => void {
  const stops = stores.map((s) => s.listen(() => c.forceUpdate()));
  return () => {
    for (const stop of stops) stop();
  };
}
