import htm from "htm";
import MagicString from "magic-string";
import { type Plugin, parseAst } from "vite";

// Compiles htm's html`…` templates to plain `h()` calls at build time, the job
// babel-plugin-htm does for Babel users: the bundles then carry no template parser (about
// 1 KB gzip less for readers) and nothing is parsed at run time. The sources stay htm, and
// the component tests run them through htm itself.
//
// Why our own and not babel-plugin-htm: the build has no Babel (Vite transforms with
// esbuild and Rollup), and adding Babel to every widget build for one transform costs more
// than these 90 lines, which reuse htm's own parser (so the templates mean exactly what htm
// says). test/htm-precompile.test.ts holds it to that: every template form the widget uses
// renders the same compiled as through htm at run time, every template in src/ compiles,
// the forms it cannot compile faithfully are refused at build time, and the source map
// points back into the templates.

// biome-ignore lint/suspicious/noExplicitAny: ESTree nodes from Rollup's parser
type Node = any;

/** Source code standing for a value inside the compiled call. */
class Code {
  constructor(readonly src: string) {}
  toString(): string {
    // htm concatenates mixed attribute values (`class="a ${b}"`); they are not supported.
    throw new Error(`htm precompile: write the whole attribute as one expression (near ${this.src})`);
  }
}

const emit = (v: unknown): string => {
  if (v instanceof Code) return v.src;
  if (Array.isArray(v)) return `[${v.map(emit).join(",")}]`;
  if (v == null) return "null";
  return JSON.stringify(v);
};

const build = htm.bind((type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => {
  const p = props ? `{${Object.entries(props).map(([k, v]) => `${JSON.stringify(k)}:${emit(v)}`)}}` : "null";
  return new Code(`__h(${[emit(type), p, ...children.map(emit)].join(",")})`);
});

const isHtml = (n: Node) =>
  n?.type === "TaggedTemplateExpression" && n.tag.type === "Identifier" && n.tag.name === "html";

/** The outermost html`…` templates under `node`. */
function templates(node: Node, found: Node[] = []): Node[] {
  if (isHtml(node)) found.push(node);
  else {
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const v of value) v && typeof v.type === "string" && templates(v, found);
      else if (value && typeof (value as Node).type === "string") templates(value, found);
    }
  }
  return found;
}

/** The source of `node` with each template inside it compiled. */
function rewrite(code: string, node: Node): string {
  let out = "";
  let at = node.start;
  for (const t of templates(node).sort((a, b) => a.start - b.start)) {
    out += code.slice(at, t.start) + compile(code, t);
    at = t.end;
  }
  return out + code.slice(at, node.end);
}

function compile(code: string, t: Node): string {
  const quasis: Node[] = t.quasi.quasis;
  const strings = Object.assign(
    quasis.map((q) => q.value.cooked),
    { raw: quasis.map((q) => q.value.raw) },
  );
  if (strings.some((s: string, i: number) => i < strings.length - 1 && s.endsWith("..."))) {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: names htm's spread syntax in the message
    throw new Error("htm precompile: spread props (...${x}) are not supported");
  }
  const values = t.quasi.expressions.map((e: Node) => new Code(`(${rewrite(code, e)})`));
  return emit(build(strings as unknown as TemplateStringsArray, ...values));
}

export function htmPrecompile(): Plugin {
  return {
    name: "causette:htm-precompile",
    enforce: "post",
    transform(code, id) {
      if (!/\/src\/.*\.[jt]s$/.test(id) || !code.includes("html`")) return null;
      const ast = parseAst(code);
      const out = new MagicString(code);
      for (const t of templates(ast)) out.overwrite(t.start, t.end, compile(code, t));
      // The runtime `html` is no longer used: drop its import so htm stays out of the bundle.
      const runtime = /import\s*\{\s*html\s*\}\s*from\s*["']htm\/preact["'];?/.exec(code);
      if (runtime) out.remove(runtime.index, runtime.index + runtime[0].length);
      out.prepend(`import { h as __h } from "preact";\n`);
      return {
        code: out.toString(),
        map: out.generateMap({ hires: true, source: id, includeContent: true }),
      };
    },
  };
}
