/**
 * The npm API's comments with passages (issue #17): `mountComments` as the script tag has it —
 * the comments app, plus the passages' marks and selection button around it unless
 * `passages: "off"`. The chunks the script tag fetches by name are this package's modules,
 * imported when needed.
 */
import { mountComments as mountThread } from "../comments/mount.js";
import type { Chunk } from "../core/config.js";
import type { CommentsOptions } from "../core/options.js";
import { derivePageId } from "../core/page-id.js";
import { startPassages } from "./listener.js";

const chunk: Chunk = <M>(file: string) =>
  (file === "anchor.js" ? import("../anchor/chunk.js") : import("./button.js")) as Promise<M>;

/**
 * Mounts the comments of this page into `element` (see comments/mount.ts), with comments on
 * passages of the article unless `options.passages` is `"off"`. Returns the function that
 * unmounts the comments.
 *
 * @example
 * import { mountComments } from "@causette/widget";
 * mountComments(document.querySelector("#comments")!, { server: "https://comments.example.com", article: ".post" });
 */
export function mountComments(element: HTMLElement, options: CommentsOptions): () => void {
  const unmount = mountThread(element, options);
  const page = derivePageId(document, options.page, options.pageIdParam);
  startPassages(
    chunk,
    { ...options, page },
    { passages: options.passages, article: options.article },
    element,
  );
  return unmount;
}
