import { readFileSync } from "node:fs";
import { defineConfig, type Plugin, transformWithEsbuild } from "vite";
import { scriptTagBuild, tightCss } from "./vite.shared.js";

/**
 * `comments.css`: the app's stylesheet as a file, which the loader links into the shadow
 * root of the server's HTML of a thread (a strict CSP names the Causette server in
 * style-src; the loader does not carry the stylesheet's text).
 */
const stylesheetFile = (): Plugin => ({
  name: "causette:comments-css",
  async generateBundle() {
    const css = readFileSync(new URL("./src/ui/styles.css", import.meta.url), "utf8");
    const { code } = await transformWithEsbuild(css, "styles.css", {
      loader: "css",
      minify: true,
      target: "chrome123",
    });
    this.emitFile({ type: "asset", fileName: "comments.css", source: tightCss.tighten(code) });
  },
});

/**
 * `i18n/table.ts` (English, and French fetched as `fr.js`, for the npm build) is, in each of
 * these builds, `table.en.ts` or `table.fr.ts`: the strings of that build's language only.
 */
const stringsOf = (lang: "en" | "fr"): Plugin => ({
  name: "causette:strings-of",
  enforce: "pre",
  async resolveId(source, importer, options) {
    if (!/\/table\.js$/.test(source) || importer?.includes("/src/i18n/table.")) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved && /\/src\/i18n\/table\.ts$/.test(resolved.id)
      ? { ...resolved, id: resolved.id.replace(/table\.ts$/, `table.${lang}.ts`) }
      : resolved;
  },
});

/**
 * ky without its upload and download progress (the `onUploadProgress` and
 * `onDownloadProgress` options: the body piped through a TransformStream, with an estimate
 * of its size, and the feature test for request streams that only they and stream bodies
 * need), in the script-tag app only. The app gives neither option and sends strings (JSON)
 * only (src/api/client.ts), yet ky's class refers to that code, so no minifier can drop it:
 * ky's `utils/body.js` is replaced by functions that throw should the options ever be given,
 * and `supportsRequestStreams` is `false` (ky then sets no `duplex`, which a string body does
 * not need); of its response shortcuts, only `.json()` is made. A ky whose files no longer
 * read as expected fails the build, rather than shipping unchanged.
 */
const kyWithoutProgress = (): Plugin => ({
  name: "causette:ky-without-progress",
  enforce: "pre",
  load(id) {
    if (!/\/ky\/distribution\/utils\/body\.js$/.test(id)) return null;
    return 'const no = () => { throw new Error("ky: no progress") };\nexport const streamRequest = no, streamResponse = no;';
  },
  transform(code, id) {
    if (!/\/ky\/distribution\/core\/constants\.js$/.test(id)) return null;
    const out = code
      .replace(
        /export const supportsRequestStreams = \(\(\) => \{[\s\S]*?\n\}\)\(\);/,
        "export const supportsRequestStreams = false;",
      )
      // Only body.js's size estimate used it.
      .replace(/export const usualFormBoundarySize = [^;]+;/, "")
      // The app reads every answer with `.json()` (src/api/client.ts): ky's other shortcuts
      // (`.text()`, `.blob()`…) are not made on each request.
      .replace(
        /export const responseTypes = \{[^}]*\};/,
        "export const responseTypes = { json: 'application/json' };",
      );
    if (out.length > code.length - 500)
      this.error("ky's core/constants.js changed: review kyWithoutProgress");
    return { code: out, map: null };
  },
});

/**
 * ky without its forced retries (`ky.retry()` returned from an `afterResponse` hook, which
 * throws a `ForceRetryError`) and the wrapper of thrown values that are not errors
 * (`NonError`, which only `shouldRetry` and those forced retries read), in the script-tag app
 * only. The app has no `afterResponse` hook, and its `shouldRetry` retries HTTP errors alone
 * (src/api/client.ts), so neither class's work can matter; ky's `instanceof` checks stay
 * (always false). And HTTPError's sentence says the status, the method and the URL only.
 * A ky whose files no longer read as expected fails the build.
 */
const kyWithoutForcedRetries = (): Plugin => ({
  name: "causette:ky-without-forced-retries",
  enforce: "pre",
  load(id) {
    if (/\/ky\/distribution\/errors\/HTTPError\.js$/.test(id)) {
      // Its sentence ("Request failed with status code 503 Service Unavailable: GET …") is
      // never shown: the app's hook turns every HTTPError it throws into a Problem.
      const code = readFileSync(id.replace(/\?.*$/, ""), "utf8");
      const out = code.replace(
        /const code = [\s\S]*?super\(`Request failed with \$\{reason\}: \$\{request\.method\} \$\{request\.url\}`\);/,
        // biome-ignore lint/suspicious/noTemplateCurlyInString: ky's code, a template literal in it
        "super(`HTTP ${response.status}: ${request.method} ${request.url}`);",
      );
      if (out === code) this.error("ky's errors/HTTPError.js changed: review kyWithoutForcedRetries");
      return out;
    }
    const m = /\/ky\/distribution\/errors\/(NonError|ForceRetryError)\.js$/.exec(id);
    if (!m) return null;
    const code = readFileSync(id.replace(/\?.*$/, ""), "utf8");
    if (!code.includes(`export class ${m[1]} extends Error {`))
      this.error(`ky's errors/${m[1]}.js changed: review kyWithoutForcedRetries`);
    return m[1] === "NonError"
      ? "export class NonError extends Error {}"
      : 'export class ForceRetryError extends Error { constructor() { super("ky: no ky.retry()") } }';
  },
});

/**
 * ky's sentences for options given wrong (`retry.methods must be an array`, a `timeout`
 * too long, an `input` that starts with a slash…), in the script-tag app only: the app
 * gives one fixed set of options (src/api/client.ts), which none of them can be thrown for,
 * yet they are a twelfth of ky's bytes after gzip. Each is thrown all the same, as the same
 * class, with "ky" for its message (the source and a debugger say the rest). A ky with fewer
 * such throws than expected fails the build, rather than shipping unchanged.
 */
const kyWithoutMisuseSentences = (): Plugin => ({
  name: "causette:ky-without-misuse-sentences",
  transform(code, id) {
    const file = /\/ky\/distribution\/(core\/Ky|utils\/normalize|utils\/merge)\.js$/.exec(id)?.[1];
    if (!file) return null;
    let n = 0;
    const out = code.replace(
      /throw new (TypeError|RangeError|Error)\((?:'[^'\n]*'|`(?:\\.|[^`\\])*`)\)/g,
      (_, type) => {
        n++;
        return `throw new ${type}("ky")`;
      },
    );
    if (n < { "core/Ky": 7, "utils/normalize": 2, "utils/merge": 3 }[file]!)
      this.error(`ky's ${file}.js changed: review kyWithoutMisuseSentences`);
    return { code: out, map: null };
  },
});

/**
 * The comments app, loaded by the script-tag loader at a reader's intent: ESM with every
 * dependency bundled, in one file so that a reader waits for one request. `comments.js`
 * carries the English strings; `comments.fr.js`, its French build, the French ones instead
 * (the loader fetches it for French pages, vite.comments-fr.config.ts): each reader
 * downloads the strings of the page's language only, in the app's one request. Stable names: the loader and
 * bench/sizes.mjs know them. Library mode, because the app mode adds Vite's module-preload
 * helper, which resolves chunk URLs against the host page instead of the Causette server.
 */
export function commentsBuild(lang: "en" | "fr") {
  const name = lang === "fr" ? "comments.fr" : "comments";
  const config = defineConfig(
    scriptTagBuild(
      {
        lib: { entry: { [name]: "src/app/comments.ts" }, formats: ["es"] },
        rollupOptions: {
          output: {
            entryFileNames: "[name].js",
            chunkFileNames: "chunks/[name]-[hash].js",
          },
        },
      },
      // The thread's stores and actions, the forms' and the app's own members: never in JSON, in
      // storage, in the DOM or in a string key (unlike `reply`, `edit` and `flash`, keys of a
      // string list in `setUi`, `more`, `post` and `save`, also keys of the strings, `remove`,
      // also an element's method the app calls, or `myVote`, also a field of the vote
      // response). Terser renames a listed name everywhere in the bundle, a DOM interface's
      // too (`builtins`, vite.shared.ts): a name goes in only if no DOM or builtin object
      // of the bundle is read or called by it (`load`, `list`, `create`, `stop`, `show`… are
      // the app's and ky's own here; `now` is not listed, for `Date.now`).
      /^(byId|kids|tree|\$root|\$meta|\$ui|takeFocus|showFresh|personalize|toggleReply|startEdit|closeForm|phase|note|say|reveal|timeLeft|nextClose|ownBody|ago|errors|grabbed|grab|keep|handleKey|closing|tick|act|depth|thread|stop|timer|busy|msg|onCancel|date|load|list|create|i18n|show|vote|live|quote|read|start|mailed|update|anonymous|onFresh|parent|passage)$/,
    ),
  );
  config.plugins = [
    ...(config.plugins ?? []),
    kyWithoutProgress(),
    kyWithoutForcedRetries(),
    kyWithoutMisuseSentences(),
    stringsOf(lang),
    ...(lang === "en" ? [stylesheetFile()] : []),
  ];
  return config;
}

export default commentsBuild("en");
