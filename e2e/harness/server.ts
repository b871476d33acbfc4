// The built server as a separate process: one implementation for tests, benchmarks and
// screenshots (scripts/built-server.mjs).
export type { RunningServer } from "../../scripts/built-server.mjs";
export { ROOT, startServer } from "../../scripts/built-server.mjs";
