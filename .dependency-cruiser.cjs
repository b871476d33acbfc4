// The architecture of Causette as rules that `pnpm test` checks (`pnpm run architecture`):
// each rule says which imports are forbidden, and why. CONTRIBUTING.md ("Architecture")
// lists them in words.

/** Tests may reach across layers (a route test builds the app); the rules are about shipped code. */
const TESTS = ["\\.test\\.ts$", "^packages/server/src/test-utils/"];

/** HTTP: Hono and its node adapter, and the server's HTTP layer. */
const HTTP = [
  "(^|/)node_modules/(hono|@hono/[^/]+)/",
  "^(hono|@hono/)",
  "^packages/server/src/(routes|middleware)/",
  "^packages/server/src/(context|http-errors)\\.ts$",
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "contract-depends-on-nothing",
      comment:
        "@causette/types is the wire contract both sides read, in browsers and on Node: it imports nothing, not even node: modules.",
      severity: "error",
      from: { path: "^packages/types/src/", pathNot: TESTS },
      to: { pathNot: "^packages/types/src/" },
    },
    {
      name: "domain-knows-no-http",
      comment:
        "Comment and moderation rules serve the API, the admin and the importers alike: requests and responses are the routes' business.",
      severity: "error",
      from: {
        path: "^packages/server/src/(comments|moderation)/",
        pathNot: TESTS,
      },
      to: { path: HTTP },
    },
    {
      name: "store-knows-no-http",
      comment:
        "The store keeps rows for every caller (API, admin, CLI, importers), none of which needs HTTP.",
      severity: "error",
      from: { path: "^packages/server/src/store/", pathNot: TESTS },
      to: { path: HTTP },
    },
    {
      name: "store-renders-nothing",
      comment:
        "Markdown is rendered and sanitized once, at write time, before the store: the store keeps what it is given.",
      severity: "error",
      from: { path: "^packages/server/src/store/", pathNot: TESTS },
      to: {
        path: [
          "^packages/server/src/render/",
          "(^|/)node_modules/(markdown-it|sanitize-html)/",
          "^(markdown-it|sanitize-html)",
        ],
      },
    },
    {
      name: "browser-reaches-server-over-http",
      comment:
        "The widget and the admin page run in browsers on other machines: they talk to the server only through the HTTP API of @causette/types.",
      severity: "error",
      from: { path: "^packages/(widget|admin)/" },
      to: { path: ["^packages/server/", "(^|/)node_modules/@causette/server/", "^@causette/server"] },
    },
    {
      name: "server-uses-published-builds",
      comment:
        "The server serves the widget's and the admin's builds as an npm install would find them (their package exports), never their sources.",
      severity: "error",
      from: { path: "^packages/server/" },
      // A relative path into another package bypasses its exports map; a subpath the map does
      // not list does not resolve (not-to-unresolvable).
      to: { path: "^packages/(widget|admin)/", dependencyTypes: ["local"] },
    },
    {
      name: "no-circular",
      comment:
        "A cycle makes two modules one: neither can be understood, tested or loaded without the other.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      comment:
        "An import that does not resolve escapes every rule above (and a deep import past a package's exports map fails when installed).",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // The sources are cruised; dependencies and builds are endpoints, not walked into.
    doNotFollow: { path: "(^|/)(node_modules|dist)/" },
    // `import type` counts: a type-only import couples two modules as much as any other.
    tsPreCompilationDeps: true,
    // Resolves `@causette/types` to its sources, as the packages' own tsconfigs do, so the
    // check needs no build.
    tsConfig: { fileName: "tsconfig.architecture.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["types", "import", "default"],
    },
  },
};
