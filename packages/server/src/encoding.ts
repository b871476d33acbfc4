/**
 * The compression to answer with, from a request's `Accept-Encoding`: brotli, else gzip,
 * unless the client refuses it (`;q=0`); null for the identity.
 */
export function acceptedEncoding(header: string): "br" | "gzip" | null {
  const h = header.toLowerCase();
  if (/\bbr\b/.test(h) && !/\bbr;q=0(\.0+)?\b/.test(h)) return "br";
  if (/\bgzip\b/.test(h) && !/\bgzip;q=0(\.0+)?\b/.test(h)) return "gzip";
  return null;
}
