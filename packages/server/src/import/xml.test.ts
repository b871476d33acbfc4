import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ImportError, parseXmlFile, type XmlHandlers } from "./xml.js";
import { XML_LIMITS } from "./xml-worker.js";

// Several megabytes: many of the worker's batches, and more than it may send ahead.
const ENTRIES = 20_000;

/** An entry's text, with characters of 2, 3 and 4 bytes in UTF-8 that land across read boundaries. */
const words = (i: number) => `entrée ${i} — “quoted” 😀 & <escaped> ${"x".repeat(i % 97)}`;

function document(entries: number, broken?: number): string {
  let xml = `<?xml version="1.0" encoding="UTF-8"?>\n<root xmlns:d="urn:d">\n`;
  for (let i = 0; i < entries; i++) {
    xml += `<d:entry d:id="${i}" kind="k${i % 3}">\n`;
    xml += `  <d:text><![CDATA[${words(i)}]]></d:text><plain>${words(i).replaceAll("&", "&amp;").replaceAll("<", "&lt;")}</plain>\n`;
    xml += i === broken ? "</wrong>\n" : "</d:entry>\n";
  }
  return `${xml}</root>\n`;
}

/** Collects what the handlers see. */
function recorder() {
  const opened: { name: string; attrs: Record<string, string>; line: number }[] = [];
  const closed: string[] = [];
  let text = "";
  const handlers: XmlHandlers = {
    open: (name, attrs, line) => opened.push({ name, attrs, line }),
    text: (t) => {
      text += t;
    },
    close: (name) => closed.push(name),
  };
  return { handlers, opened, closed, text: () => text };
}

describe("parseXmlFile", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "causette-xml-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("hands every element, attribute and character of a large file to the handlers, in order", async () => {
    const file = join(dir, "large.xml");
    await writeFile(file, `\ufeff${document(ENTRIES)}`);
    const r = recorder();
    const progress: number[] = [];
    await parseXmlFile(file, r.handlers, (read) => progress.push(read));

    const entries = r.opened.filter((o) => o.name === "entry");
    expect(entries).toHaveLength(ENTRIES);
    // Prefixes dropped from element and attribute names; values decoded; lines counted.
    expect(entries[12_345]).toEqual({
      name: "entry",
      attrs: { id: "12345", kind: "k0" },
      line: 3 + 3 * 12_345,
    });
    expect(r.opened[0]).toEqual({ name: "root", attrs: { d: "urn:d" }, line: 2 });
    expect(r.opened.filter((o) => o.name === "text")[7]!.attrs).toEqual({});
    expect(r.closed.filter((c) => c === "entry")).toHaveLength(ENTRIES);
    expect(r.closed.at(-1)).toBe("root");
    // Every character, whatever batch or read it fell in (CDATA and escaped text alike).
    // saxes reports the whitespace around the root element too.
    let expected = "\n\n";
    for (let i = 0; i < ENTRIES; i++) expected += `\n  ${words(i)}${words(i)}\n\n`;
    expect(r.text()).toBe(`${expected}\n`);
    expect(progress.length).toBeGreaterThan(4);
    expect(progress.at(-1)).toBe(Buffer.byteLength(`\ufeff${document(ENTRIES)}`));
  });

  it("fails with the line and column of an error far into the file, after the handlers saw what came before", async () => {
    const file = join(dir, "broken.xml");
    await writeFile(file, document(ENTRIES, 15_000));
    const r = recorder();
    const err = await parseXmlFile(file, r.handlers).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).line).toBe(3 + 3 * 15_000 + 2);
    expect((err as ImportError).column).toBeGreaterThan(0);
    expect((err as ImportError).message).toMatch(
      /broken\.xml:45005:\d+: malformed XML: unexpected close tag/,
    );
    // Nothing after the error reaches the handlers.
    expect(r.opened.filter((o) => o.name === "entry")).toHaveLength(15_001);
  });

  it("fails on a file cut short (a download that stopped) or empty, at its end", async () => {
    const full = document(ENTRIES);
    const file = join(dir, "cut.xml");
    // Cut inside an entry, past many batches.
    await writeFile(file, full.slice(0, full.indexOf('<d:entry d:id="17000"')));
    const r = recorder();
    const err = await parseXmlFile(file, r.handlers).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).line).toBe(3 + 3 * 17_000);
    expect((err as ImportError).message).toMatch(/cut\.xml:51003:\d+: malformed XML: /);
    expect(r.closed.filter((c) => c === "entry")).toHaveLength(17_000);

    await writeFile(file, "");
    await expect(parseXmlFile(file, recorder().handlers)).rejects.toThrow(/cut\.xml:1:\d+: malformed XML: /);
  });

  it("stops at the first error a handler throws, and rejects with it", async () => {
    const file = join(dir, "large.xml");
    await writeFile(file, document(ENTRIES));
    let calls = 0;
    const stop = new Error("not this format");
    const handlers: XmlHandlers = {
      open: () => {
        if (++calls === 30_000) throw stop;
      },
      text() {},
      close() {},
    };
    await expect(parseXmlFile(file, handlers)).rejects.toBe(stop);
    expect(calls).toBe(30_000);
  });

  it("reports a file that cannot be read as an ImportError", async () => {
    await expect(parseXmlFile(join(dir, "missing.xml"), recorder().handlers)).rejects.toThrow(
      /missing\.xml: no such file/,
    );
    await expect(parseXmlFile(dir, recorder().handlers)).rejects.toThrow(ImportError);
  });

  /** Parses `xml` (from a file) and answers the ImportError it fails with. */
  async function failure(xml: string | Buffer): Promise<ImportError> {
    const file = join(dir, "hostile.xml");
    await writeFile(file, xml);
    const err = await parseXmlFile(file, recorder().handlers).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    return err as ImportError;
  }

  it("refuses attribute values over their limit, even megabytes of references, with the line and column", async () => {
    const head = `<?xml version="1.0"?>\n<root>\n<a ok="1"/>\n`;
    const half = "y".repeat(XML_LIMITS.attributeChars / 2);
    // Within one read, and across many (the references are what made memory explode); in
    // one attribute or spread over several.
    for (const attributes of [
      `big="${"x".repeat(XML_LIMITS.attributeChars + 1)}"`,
      `big="${"&amp;".repeat(4_000_000)}"`,
      `a="${half}" b="${half}" c="z"`,
      `a="${half}" b="${half}" c="${"&amp;".repeat(4_000_000)}"`,
    ]) {
      const err = await failure(`${head}<b ${attributes}/>\n</root>\n`);
      expect(err.message).toMatch(
        /hostile\.xml:4:\d+: malformed XML: attribute values longer than 65536 characters on one element/,
      );
      expect(err.line).toBe(4);
      expect(err.column).toBeGreaterThan(0);
    }
  });

  it("refuses too many attributes, nesting too deep, and too many different names", async () => {
    const attrs = Array.from({ length: XML_LIMITS.attributes + 1 }, (_, i) => `a${i}="1"`).join(" ");
    const many = await failure(`<root>\n\n<b ${attrs}/></root>`);
    expect(many.message).toMatch(/:3:\d+: malformed XML: an element with more than 256 attributes/);
    expect(many.line).toBe(3);

    const deep = await failure(
      `<root>\n${"<d>".repeat(XML_LIMITS.depth)}${"</d>".repeat(XML_LIMITS.depth)}</root>`,
    );
    expect(deep.message).toMatch(/:2:\d+: malformed XML: elements nested more than 256 deep/);

    const names = Array.from({ length: XML_LIMITS.names }, (_, i) => `<n${i}/>`).join("\n");
    const named = await failure(`<root>\n${names}\n</root>`);
    expect(named.message).toMatch(/malformed XML: more than 10000 different element and attribute names/);
    // The root's name and 9,999 others: the 10,000th element's is one too many.
    expect(named.line).toBe(XML_LIMITS.names + 1);
  });

  it("hands a text of megabytes of references over whole, in pieces", async () => {
    const file = join(dir, "text.xml");
    await writeFile(file, `<root><t>${"&lt;a&gt;".repeat(1_000_000)}</t></root>`);
    const r = recorder();
    await parseXmlFile(file, r.handlers);
    expect(r.text()).toBe("<a>".repeat(1_000_000));
  });

  it("reads UTF-16 files, little- and big-endian, with or without a byte order mark", async () => {
    const xml = `<?xml version="1.0" encoding="UTF-16"?>\n<root><t>entrée “😀” ${"é".repeat(70_000)}</t></root>\n`;
    const le = Buffer.from(xml, "utf16le");
    const be = Buffer.from(le).swap16();
    for (const [name, bytes] of [
      ["le-bom", Buffer.concat([Buffer.from([0xff, 0xfe]), le])],
      ["be-bom", Buffer.concat([Buffer.from([0xfe, 0xff]), be])],
      ["le", le],
      ["be", be],
    ] as const) {
      const file = join(dir, `${name}.xml`);
      await writeFile(file, bytes);
      const r = recorder();
      await parseXmlFile(file, r.handlers);
      expect(r.text().trim(), name).toBe(`entrée “😀” ${"é".repeat(70_000)}`);
    }
    // A UTF-8 file that says it is UTF-16 is still refused: its bytes say otherwise.
    const lying = await failure(xml);
    expect(lying.message).toMatch(/encoding "UTF-16" is not supported/);
  });
});
