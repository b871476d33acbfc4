import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { html } from "htm/preact";
import { h, render } from "preact";
import { parseAst, transformWithEsbuild } from "vite";
import { describe, expect, it } from "vitest";
import { htmPrecompile } from "../vite.htm.config.js";

const SRC = join(import.meta.dirname, "../src");

/** Every .ts file under src/ (tests aside). */
function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

/** Compiles `source` with the build plugin and returns what its `view` function renders. */
function compiled(source: string, args: Record<string, unknown>): string {
  const plugin = htmPrecompile();
  const transform = plugin.transform as (code: string, id: string) => { code: string } | null;
  const out = transform.call({}, `import { html } from "htm/preact";\n${source}`, "/x/src/view.ts");
  expect(out!.code).not.toContain("html`");
  expect(out!.code).not.toContain("htm/preact");
  const body = out!.code.replace(/^import \{ h as __h \} from "preact";\n/, "");
  const view = new Function(
    "__h",
    ...Object.keys(args),
    `${body}\nreturn view(${Object.keys(args).join(",")});`,
  );
  const el = document.createElement("div");
  render(view(h, ...Object.values(args)), el);
  return el.innerHTML;
}

function runtime(view: (...a: never[]) => unknown, args: Record<string, unknown>): string {
  const el = document.createElement("div");
  render((view as (...a: unknown[]) => ReturnType<typeof html>)(...Object.values(args)), el);
  return el.innerHTML;
}

describe("htm precompile (the build plugin)", () => {
  it("renders what htm renders: attributes, booleans, nested templates, lists, components", () => {
    const source = `
      const Badge = ({ label }) => html\`<span class="bd">\${label}</span>\`;
      function view(items, on, name) {
        return html\`<section aria-labelledby="h" class=\${on ? "r k" : "r"}>
          <h2 id="h">Hello \${name}</h2>
          <input hidden name="hp" />
          <ol>\${items.map((i) => html\`<li key=\${i}><\${Badge} label=\${"#" + i} /></li>\`)}</ol>
          \${on && html\`<p>on</p><p>twice</p>\`}
        </section>\`;
      }`;
    const args = { items: [1, 2, 3], on: true, name: "Ann & <Bob>" };
    const Badge = ({ label }: { label: string }) => html`<span class="bd">${label}</span>`;
    const view = (items: number[], on: boolean, name: string) =>
      html`<section aria-labelledby="h" class=${on ? "r k" : "r"}>
          <h2 id="h">Hello ${name}</h2>
          <input hidden name="hp" />
          <ol>${items.map((i) => html`<li key=${i}><${Badge} label=${`#${i}`} /></li>`)}</ol>
          ${on && html`<p>on</p><p>twice</p>`}
        </section>`;
    const expected = runtime(view as never, args);
    expect(expected).toContain('<span class="bd">#3</span>');
    expect(compiled(source, args)).toBe(expected);
    expect(compiled(source, { ...args, on: false })).toBe(runtime(view as never, { ...args, on: false }));
  });

  it("renders what htm renders for every other form the widget writes: fragments, closing with <//>, comments, entities, white space, SVG, booleans, handlers, refs, innerHTML", () => {
    const source = `
      function view(on, n, body, ref, click) {
        return html\`
          <p>first root</p>
          <\${"div"} class="x">closed the short way<//>
          <!-- a comment htm drops -->
          <p title="a &amp; b">Tom &amp; Jerry&nbsp;&lt;3   spaced
             over lines</p>
          <svg viewBox="0 0 5 5" aria-hidden="true"><rect x="1" y="1" width="1" height="1" fill=\${"hsl(" + n + " 50% 40%)"} /></svg>
          <button type="button" disabled=\${!on} aria-pressed=\${on} onClick=\${click} ref=\${ref}>\${n}</button>
          <div dangerouslySetInnerHTML=\${{ __html: body }} />
          \${[html\`<i>a</i>\`, html\`<b>b</b>\`]}
          \${null}\${false}\${0}
        \`;
      }`;
    const ref = { current: null };
    const click = () => undefined;
    const view = (on: boolean, n: number, body: string, r: unknown, c: unknown) => html`
          <p>first root</p>
          <${"div"} class="x">closed the short way<//>
          <!-- a comment htm drops -->
          <p title="a &amp; b">Tom &amp; Jerry&nbsp;&lt;3   spaced
             over lines</p>
          <svg viewBox="0 0 5 5" aria-hidden="true"><rect x="1" y="1" width="1" height="1" fill=${`hsl(${n} 50% 40%)`} /></svg>
          <button type="button" disabled=${!on} aria-pressed=${on} onClick=${c} ref=${r}>${n}</button>
          <div dangerouslySetInnerHTML=${{ __html: body }} />
          ${[html`<i>a</i>`, html`<b>b</b>`]}
          ${null}${false}${0}
        `;
    for (const args of [
      { on: true, n: 7, body: "<em>sanitized by the server</em>", ref, click },
      { on: false, n: 0, body: "", ref, click },
    ]) {
      const expected = runtime(view as never, args);
      expect(expected).toContain("closed the short way");
      expect(compiled(source, args)).toBe(expected);
    }
  });

  it("compiles every template in src/, leaving no html` and no runtime htm behind", async () => {
    const plugin = htmPrecompile();
    const transform = plugin.transform as (code: string, id: string) => { code: string } | null;
    let templates = 0;
    for (const file of sources()) {
      const ts = readFileSync(file, "utf8");
      if (!/from\s*["']htm\/preact["']/.test(ts)) continue;
      // As in the build: TypeScript first (esbuild), then this plugin (enforce: "post").
      const js = (await transformWithEsbuild(ts, file, { loader: "ts" })).code;
      templates += (js.match(/\bhtml`/g) ?? []).length;
      const out = transform.call({}, js, file);
      expect(out, file).not.toBeNull();
      expect(out!.code, file).not.toContain("html`");
      expect(out!.code, file).not.toMatch(/from\s*["']htm/);
      expect(() => parseAst(out!.code), file).not.toThrow();
    }
    // The widget's interface is written in templates: if this falls to zero, the scan is broken.
    expect(templates).toBeGreaterThan(20);
  });

  it("gives a source map that points back into the template", () => {
    const plugin = htmPrecompile();
    const transform = plugin.transform as (
      code: string,
      id: string,
    ) => { code: string; map: { mappings: string; sources: string[]; sourcesContent?: string[] } } | null;
    const code = 'import { html } from "htm/preact";\nexport const v = (x) => html`<p class="a">${x}</p>`;\n';
    const out = transform.call({}, code, "/x/src/v.ts")!;
    expect(out.map.sources).toEqual(["/x/src/v.ts"]);
    expect(out.map.sourcesContent?.[0]).toBe(code);
    expect(out.map.mappings.length).toBeGreaterThan(0);
  });

  it("refuses what it cannot compile faithfully", () => {
    const plugin = htmPrecompile();
    const transform = plugin.transform as (code: string, id: string) => unknown;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text the plugin reads
    expect(() => transform.call({}, "const a = html`<p ...${x} />`;", "/x/src/a.ts")).toThrow(/spread/);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text the plugin reads
    expect(() => transform.call({}, 'const a = html`<p class="a ${x}" />`;', "/x/src/a.ts")).toThrow(
      /one expression/,
    );
  });
});
