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

// The comments app (`comments.js`), loaded by the script-tag loader, and its French strings
// (`fr.js`, fetched only for French pages): ESM with every dependency bundled, in one file so
// that a reader waits for one request. Stable names: the loader and bench/sizes.mjs know them.
// Library mode, because the app mode adds Vite's module-preload helper, which resolves chunk
// URLs against the host page instead of the Causette server.
const config = defineConfig(
  scriptTagBuild(
    {
      lib: { entry: { comments: "src/app/comments.ts" }, formats: ["es"] },
      rollupOptions: {
        output: {
          entryFileNames: "[name].js",
          chunkFileNames: (chunk) => (chunk.name === "fr" ? "fr.js" : "chunks/[name]-[hash].js"),
        },
      },
    },
    // The thread's stores and actions, the forms' and the app's own members: never in JSON, in
    // storage, in the DOM or in a string key (unlike `reply`, `edit` and `flash`, keys of a
    // string list in `setUi`, or `myVote`, also a field of the vote response; terser keeps
    // DOM names such as `alert` whatever the list says).
    /^(byId|kids|tree|\$root|\$meta|\$ui|takeFocus|showFresh|personalize|toggleReply|startEdit|closeForm|phase|note|say|reveal|timeLeft|nextClose|ownBody|ago|errors|grabbed|grab|keep|handleKey|closing|tick|act|depth|thread|stop|timer|busy|msg|onCancel|date|load|list|create|i18n)$/,
  ),
);
config.plugins = [...(config.plugins ?? []), stylesheetFile()];
export default config;
