/**
 * `X-Content-Type-Options: nosniff` on every answer, so a browser never runs a JSON answer
 * or a text file as a script or a page. Only that header: the widget's files are loaded
 * cross-origin (hono's default `Cross-Origin-Resource-Policy: same-origin` would block
 * them), and the admin page sets its own policy (routes/admin-page.ts).
 */
import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

export function nosniff(): MiddlewareHandler {
  return secureHeaders({
    xContentTypeOptions: true,
    crossOriginResourcePolicy: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    referrerPolicy: false,
    strictTransportSecurity: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
    removePoweredBy: false,
  });
}
