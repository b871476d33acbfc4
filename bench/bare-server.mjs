#!/usr/bin/env node
// The yardstick of api.bench.mjs: a bare node:http server that answers every request with
// the bytes and headers the Causette server sent for one request (its cached thread GET),
// picking the variant by Accept-Encoding as simply as it can, and nothing else: no routing,
// no middleware, no logging, no database. Whatever the Causette server spends beyond it is
// its own work (routing, middleware, headers, the cache lookup).
// Usage: node bench/bare-server.mjs FILE, FILE a JSON array of
//   { encoding: "br" | "gzip" | null, headers: [name, value][], body: base64 }.
// Prints {"msg":"listening","url":…} once listening on a free port of 127.0.0.1.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const variants = JSON.parse(readFileSync(process.argv[2], "utf8")).map((v) => ({
  encoding: v.encoding,
  headers: Object.fromEntries(v.headers),
  body: Buffer.from(v.body, "base64"),
}));
const by = (encoding) => variants.find((v) => v.encoding === encoding);
const identity = by(null) ?? variants[0];
const br = by("br") ?? identity;
const gzip = by("gzip") ?? identity;

const server = createServer((req, res) => {
  const accept = req.headers["accept-encoding"] ?? "";
  const v = accept.includes("br") ? br : accept.includes("gzip") ? gzip : identity;
  res.writeHead(200, v.headers);
  res.end(v.body);
});
server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ msg: "listening", url: `http://127.0.0.1:${server.address().port}` }));
});
for (const signal of ["SIGTERM", "SIGINT"])
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
