/**
 * Counting a share on the Causette server, first-party and fire-and-forget:
 * `navigator.sendBeacon` posts a `text/plain` JSON body (a "simple" request, so no CORS
 * preflight) that the browser delivers even as the page is left; the click is never delayed.
 */
import type { ShareNetwork, ShareRequest } from "@causette/types";

/** The event share bars listen to, to add the click to the total they show. */
export const SHARED_EVENT = "causette:share";

/** Sends one share of `page` on `network` to `server` (no-op without a server). */
export function countShare(
  server: string | undefined,
  site: string | undefined,
  page: string,
  network: ShareNetwork,
): void {
  const body: ShareRequest = { page, network };
  if (site) body.site = site;
  document.dispatchEvent(new CustomEvent(SHARED_EVENT, { detail: body }));
  // A string body goes as text/plain: a "simple" request, without a CORS preflight.
  if (server) navigator.sendBeacon?.(`${server}/api/shares`, JSON.stringify(body));
}
