import { html } from "htm/preact";
import { h, render } from "preact";
import { describe, expect, it } from "vitest";
import { htmPrecompile } from "../vite.htm.config.js";

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
