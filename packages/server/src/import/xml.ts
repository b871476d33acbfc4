/**
 * Streams an XML file through saxes: the file is read in chunks and never held whole, so a
 * 500 MB export needs a few megabytes. Element names lose their namespace prefix
 * (`wp:comment` → `comment`, `dsq:id` → `id`): exports in the wild bind the same
 * namespaces to different URIs (WXR 1.0, 1.1, 1.2, http and https), and prefixes are what
 * their writers keep stable.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { SaxesParser } from "saxes";

/** An import that cannot go on: malformed XML, an unknown format, a file that is not there. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(message);
    this.name = "ImportError";
  }
}

export interface XmlHandlers {
  /** An element opens; `attrs` by local name; `line` is where its tag starts (1-based). */
  open(name: string, attrs: Record<string, string>, line: number): void;
  /** Character data, from text or CDATA sections alike. */
  text(text: string): void;
  close(name: string): void;
}

function local(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

// Given to elements without attributes (most of them): one object instead of one each.
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({});

/**
 * Parses `file` as XML, calling `handlers` for each element. Rejects with an ImportError
 * giving the line and column of the first well-formedness error.
 *
 * @example
 * await parseXmlFile("export.xml", { open: (n) => console.log(n), text() {}, close() {} });
 */
export async function parseXmlFile(
  file: string,
  handlers: XmlHandlers,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): Promise<void> {
  let total: number;
  try {
    total = (await stat(file)).size;
  } catch {
    throw new ImportError(`${file}: no such file`);
  }
  const parser = new SaxesParser({ xmlns: false, position: true });
  let failure: ImportError | null = null;
  const fail = (message: string) => {
    failure ??= new ImportError(
      `${file}:${parser.line}:${parser.column}: malformed XML: ${message}`,
      parser.line,
      parser.column,
    );
  };
  parser.on("error", (err) => {
    // saxes prefixes its messages with "line:column: "; ours says where already.
    fail(err.message.replace(/^(?:[^:]*:)?\d+:\d+: /, ""));
  });
  parser.on("xmldecl", (decl) => {
    const enc = decl.encoding?.toLowerCase();
    if (enc && enc !== "utf-8" && enc !== "utf8" && enc !== "us-ascii") {
      fail(
        `encoding "${decl.encoding}" is not supported; convert the file to UTF-8 first (iconv -f ${decl.encoding} -t UTF-8)`,
      );
    }
  });
  // After the first error saxes goes on, but the tree is no longer trustworthy: stop there.
  parser.on("opentag", (tag) => {
    if (failure) return;
    let attrs = NO_ATTRIBUTES;
    for (const k in tag.attributes) {
      if (attrs === NO_ATTRIBUTES) attrs = {};
      attrs[local(k)] = tag.attributes[k]!;
    }
    // saxes reports the position after the tag; a start tag rarely spans lines.
    handlers.open(local(tag.name), attrs, parser.line);
  });
  parser.on("text", (text) => failure || handlers.text(text));
  parser.on("cdata", (text) => failure || handlers.text(text));
  parser.on("closetag", (tag) => failure || handlers.close(local(tag.name)));

  const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 16 });
  let read = 0;
  let first = true;
  try {
    for await (let chunk of stream as AsyncIterable<string>) {
      read += Buffer.byteLength(chunk);
      if (first && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
      parser.write(chunk);
      if (failure) break;
      onProgress?.(read, total);
    }
    if (!failure) parser.close();
  } catch (err) {
    if (failure) throw failure;
    // A file-system error (a directory, no permission) is the user's to fix; anything else
    // thrown by a handler is a bug and keeps its stack.
    if (err instanceof Error && "syscall" in err) {
      throw new ImportError(`${file}: ${err.message}`);
    }
    throw err;
  } finally {
    stream.destroy();
  }
  if (failure) throw failure;
}
