import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ImportError, parseXmlFile, type XmlHandlers } from "./xml.js";

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
});
