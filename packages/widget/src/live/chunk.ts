/**
 * @module live
 * The live client and its notice (`live.js`), fetched by the loader once a thread shows, on
 * pages without light parts; `light.js` carries them too (src/light/chunk.ts), so that a page
 * with both makes one request.
 */
export { notice } from "./notice.js";
export { live } from "./stream.js";
