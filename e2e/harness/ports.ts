export { freePort } from "../../scripts/built-server.mjs";
