import { fileURLToPath } from "node:url";
import { minify } from "terser";
import type { BuildEnvironmentOptions, Plugin, UserConfig } from "vite";
import { htmPrecompile } from "./vite.htm.config.js";

/** Settings every widget build shares. */
/**
 * Stylesheets imported as text (`?inline`) keep the spaces the formatter puts after commas
 * and colons inside values (custom properties are kept verbatim by the minifier): take them
 * out. CSS needs neither, and the stylesheet is part of every reader's download.
 */
export const tightCss = Object.assign(
  (): Plugin => ({
    name: "causette:tight-css",
    enforce: "post",
    transform(code, id) {
      if (!id.endsWith(".css?inline")) return null;
      return { code: tightCss.tighten(code), map: null };
    },
  }),
  { tighten: (css: string) => css.replace(/([,:]) /g, "$1") },
);

export const shared: UserConfig = {
  plugins: [htmPrecompile(), tightCss()],
  resolve: {
    alias: { "@causette/types": fileURLToPath(new URL("../types/src/index.ts", import.meta.url)) },
  },
  // nanostores reads process.env.NODE_ENV; browsers have no `process`.
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: { target: "es2022", cssTarget: "chrome123", sourcemap: false, reportCompressedSize: false },
};

// Library mode keeps whitespace in ES output (so that consumers can tree-shake); these files
// go to browsers as they are, so minify each chunk once it is rendered. Terser, two passes:
// about 2 % smaller than esbuild's minifier after gzip (300 bytes of the comments app).
export const minifyChunks = (mangleProps?: RegExp): Plugin => ({
  name: "causette:minify-chunks",
  async generateBundle(options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type === "chunk") {
        const out = await minify(chunk.code, {
          module: options.format === "es",
          ecma: 2020,
          // `unsafe` holds for this code. Not unsafe_arrows / unsafe_methods / unsafe_comps:
          // they saved ~150 B and broke the share bar's click (e2e/share-counts.test.ts).
          compress: {
            passes: 3,
            unsafe: true,
          },
          // `builtins`: terser leaves alone every name some DOM interface or builtin has
          // (`load`, `list`, `create`, `stop`, `show`…), even when the list names it; the
          // list names only what this bundle's own objects carry (see vite.comments.config.ts).
          mangle: mangleProps ? { properties: { regex: mangleProps, builtins: true } } : true,
        });
        chunk.code = out.code!;
      }
    }
  },
});

/** The modules the files the loader fetches take from the loader (their `*.loaded.ts`). */
const FROM_LOADER = /\/src\/(core\/page-id|core\/fragment|core\/h|ui\/dark|ui\/light-text)\.ts$/;

/**
 * The files the loader fetches are only ever given options it derived from its script tag
 * (core/config.ts): the page id among them, which they take as given (core/page-id.loaded.ts)
 * rather than carrying a second copy of its derivation. And the helpers the loader carries
 * anyway — its element helper, the theme, a link's page id, the thread's HTML address — they
 * take from the loader (core/kit.ts), which shared them before it fetched anything.
 */
export const loadedByLoader = (): Plugin => ({
  name: "causette:loaded-by-loader",
  enforce: "pre",
  async resolveId(source, importer, options) {
    if (!/\/(page-id|fragment|h|dark|light-text)\.js$/.test(source) || importer?.endsWith(".loaded.ts"))
      return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved && FROM_LOADER.test(resolved.id)
      ? { ...resolved, id: resolved.id.replace(/\.ts$/, ".loaded.ts") }
      : resolved;
  },
});

/**
 * A build of the files the Causette server serves for the script tag (dist/embed): the
 * shared settings, minified once by terser (minifyChunks), beside the other such builds.
 * `mangleProps` names the properties terser may shorten too: readable names in source, short
 * ones for readers (as Preact's mangle.json does) — only names that never cross a boundary
 * (JSON sent or stored, the DOM, string keys).
 */
export function scriptTagBuild(build: BuildEnvironmentOptions, mangleProps?: RegExp): UserConfig {
  return {
    ...shared,
    // Every ES build here is a file the loader (the one IIFE) fetches.
    plugins: [
      ...(shared.plugins ?? []),
      ...(build.lib && build.lib.formats?.includes("es") ? [loadedByLoader()] : []),
      minifyChunks(mangleProps),
    ],
    build: { ...shared.build, outDir: "dist/embed", emptyOutDir: false, ...build },
  };
}
