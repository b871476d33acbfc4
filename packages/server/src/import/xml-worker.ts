/**
 * The XML tokenizer of parseXmlFile (xml.ts), run in a worker thread: it reads the file,
 * runs saxes and sends the elements and text it finds to the importing thread in batches,
 * which runs the format's handlers on them meanwhile. Reading and tokenizing were about 40%
 * of a large import's parsing (0.85 of 2.1 s of CPU on the bench); on two cores they now
 * overlap with the rest.
 *
 * The worker runs `tokenize`'s source text (`new Worker(code, { eval: true })`): a module
 * file would be `.ts` under the test runner, which a worker cannot load. So `tokenize` uses
 * nothing from this module's scope, and takes saxes' resolved path in its `workerData`.
 */

/**
 * One batch of events: `events` holds, for each, its kind and operands; names are indexes
 * into the list of names (each sent once, in `names`, the first time it is seen) and texts
 * are `[start, end)` ranges of `text`, so the batch crosses threads as one string and one
 * transferred array instead of thousands of small strings to copy one by one.
 *
 * - `EVENT_OPEN, name, line, attribute count, (name, start, end) per attribute`
 * - `EVENT_TEXT, start, end`: character data, from text or CDATA sections alike
 * - `EVENT_CLOSE, name`
 *
 * Names are local: without their namespace prefix.
 */
export interface XmlBatch {
  events: Int32Array;
  text: string;
  names: string[];
  /** Bytes of the file read so far. */
  read: number;
}

export const EVENT_OPEN = 0;
export const EVENT_TEXT = 1;
export const EVENT_CLOSE = 2;

/**
 * What one element may carry. The tokenizer holds an attribute (or a name) whole until it
 * ends, with a node of memory per line break and reference in it: an export with a 22 MB
 * attribute peaked at 611 MB. WordPress and Disqus attributes are ids and URLs, their names
 * a few dozen: these are far above what an export needs, far below what hurts.
 */
export const XML_LIMITS = {
  /** Characters in the attribute values of one element, all together. */
  attributeChars: 64 * 1024,
  /** Attributes on one element. */
  attributes: 256,
  /** Elements open at once. */
  depth: 256,
  /** Characters in an element or attribute name, or an entity reference. */
  nameChars: 1024,
  /** Different element and attribute names in the file (each is kept, and sent once). */
  names: 10_000,
  /** Characters of a doctype, processing instruction or declaration. */
  markupChars: 64 * 1024,
} as const;

/** Slots of the shared Int32Array between the threads. */
export const SLOT_IN_FLIGHT = 0;
export const SLOT_STOP = 1;

/** What the worker posts. */
export type WorkerMessage =
  | XmlBatch
  | { malformed: string; line: number; column: number }
  | { ioError: string }
  | { done: true };

export interface WorkerInput {
  file: string;
  saxes: string;
  shared: SharedArrayBuffer;
  limits: typeof XML_LIMITS;
}

/** Runs in the worker. Self-contained: see the module comment. */
export function tokenize(): void {
  const { parentPort, workerData } = require("node:worker_threads");
  const { closeSync, openSync, readSync } = require("node:fs");
  const { StringDecoder } = require("node:string_decoder");
  const { file, saxes, shared, limits } = workerData as WorkerInput;
  const { SaxesParser } = require(saxes);
  const state = new Int32Array(shared);
  // The module's EVENT_* and SLOT_* again: the worker does not see them.
  const OPEN = 0;
  const TEXT = 1;
  const CLOSE = 2;
  const IN_FLIGHT = 0;
  const STOP = 1;
  // Batches sent and not yet handled before the worker waits: bounds the memory between them.
  const MAX_IN_FLIGHT = 4;

  const parser = new SaxesParser({ xmlns: false, position: true });
  const nameIds = new Map<string, number>();
  let names: string[] = [];
  let events = new Int32Array(1 << 16);
  let length = 0;
  let texts: string[] = [];
  let textLength = 0;
  let failed = false;
  let read = 0;
  const push = (n: number) => {
    if (length === events.length) {
      const grown = new Int32Array(events.length * 2);
      grown.set(events);
      events = grown;
    }
    events[length++] = n;
  };
  const name = (qualified: string) => {
    let id = nameIds.get(qualified);
    if (id === undefined) {
      const i = qualified.indexOf(":");
      id = nameIds.size;
      nameIds.set(qualified, id);
      names.push(i < 0 ? qualified : qualified.slice(i + 1));
    }
    push(id);
    return id;
  };
  // The names of the open elements: a close tag is its open tag's name (saxes fails on any
  // other), without looking it up again.
  const open: number[] = [];
  const text = (t: string) => {
    push(textLength);
    textLength += t.length;
    push(textLength);
    texts.push(t);
  };
  const send = () => {
    Atomics.add(state, IN_FLIGHT, 1);
    const batch = { events: events.slice(0, length), text: texts.join(""), names, read };
    parentPort.postMessage(batch, [batch.events.buffer]);
    length = 0;
    texts = [];
    textLength = 0;
    names = [];
  };
  const fail = (message: string) => {
    if (failed) return;
    failed = true;
    // The events before the error are handled first, as if the parser had stopped there.
    send();
    parentPort.postMessage({ malformed: message, line: parser.line, column: parser.column });
  };
  parser.on("error", (err: Error) => {
    // saxes prefixes its messages with "line:column: "; the importing thread says where.
    fail(err.message.replace(/^(?:[^:]*:)?\d+:\d+: /, ""));
  });
  // The encoding the bytes were decoded from: UTF-8 unless the file starts as UTF-16 does.
  let decoding = "utf-8";
  parser.on("xmldecl", (decl: { encoding?: string }) => {
    const enc = decl.encoding?.toLowerCase();
    const utf16 = decoding !== "utf-8" && (enc === "utf-16" || enc === decoding);
    if (enc && enc !== "utf-8" && enc !== "utf8" && enc !== "us-ascii" && !utf16) {
      fail(
        `encoding "${decl.encoding}" is not supported; convert the file to UTF-8 first (iconv -f ${decl.encoding} -t UTF-8)`,
      );
    }
  });
  // After the first error saxes goes on, but the tree is no longer trustworthy: stop there.
  parser.on("opentag", (tag: { name: string; attributes: Record<string, string> }) => {
    if (failed) return;
    if (open.length >= limits.depth) return fail(`elements nested more than ${limits.depth} deep`);
    // Checked before the first event of the tag: a batch never ends inside one.
    let attributes = 0;
    let chars = 0;
    let fresh = nameIds.has(tag.name) ? 0 : 1;
    for (const k in tag.attributes) {
      if (++attributes > limits.attributes)
        return fail(`an element with more than ${limits.attributes} attributes`);
      chars += tag.attributes[k]!.length;
      if (!nameIds.has(k)) fresh++;
    }
    if (chars > limits.attributeChars) return fail(tooLong);
    if (nameIds.size + fresh > limits.names)
      return fail(`more than ${limits.names} different element and attribute names`);
    push(OPEN);
    open.push(name(tag.name));
    // saxes reports the position after the tag; a start tag rarely spans lines.
    push(parser.line);
    const countAt = length;
    push(0);
    let count = 0;
    for (const k in tag.attributes) {
      name(k);
      text(tag.attributes[k]!);
      count++;
    }
    events[countAt] = count;
  });
  const onText = (t: string) => {
    if (failed) return;
    push(TEXT);
    text(t);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", () => {
    if (failed) return;
    push(CLOSE);
    push(open.pop()!);
  });

  /**
   * UTF-16 by its byte order mark, or by `<` and `?` as two-byte characters: what a Windows
   * editor saves as "Unicode". Anything else is read as UTF-8 (the xmldecl says otherwise).
   */
  const utf16 = (bytes: Buffer, n: number): string => {
    if (n >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
    if (n >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
    if (n >= 4 && bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] === 0x3f && bytes[3] === 0)
      return "utf-16le";
    if (n >= 4 && bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0 && bytes[3] === 0x3f)
      return "utf-16be";
    return "utf-8";
  };

  const tooLong = `attribute values longer than ${limits.attributeChars} characters on one element`;
  // saxes's states (saxes.js, S_*) in which it is collecting text, a comment, an attribute.
  const S_TEXT = 13;
  const S_ENTITY = 14;
  const S_COMMENT = 17;
  const S_COMMENT_ENDED = 19;
  const S_CDATA = 20;
  const S_CDATA_ENDING_2 = 22;
  const S_ATTRIB_VALUE_QUOTED = 40;
  const S_ATTRIB_VALUE_UNQUOTED = 42;
  /**
   * After each chunk: saxes collects a token whole before handing it over, each line break
   * and reference in it a node of memory. Text and CDATA are handed over as they come (the
   * handlers take text in pieces); comments are dropped (nothing reads them); an attribute,
   * a name or other markup past its limit ends the parse, where it is.
   */
  const bound = () => {
    const p = parser as {
      state: number;
      entityReturnState: number;
      text: string;
      name: string;
      entity: string;
      attribList: unknown[];
      tags: unknown[];
    };
    // A reference (`&amp;`) is read in a state of its own, then goes back to where it was.
    const where = p.state === S_ENTITY ? p.entityReturnState : p.state;
    const inText = p.tags.length > 0 && (where === S_TEXT || (where >= S_CDATA && where <= S_CDATA_ENDING_2));
    if (inText) {
      if (p.text.length) onText(p.text);
      p.text = "";
    } else if (where >= S_COMMENT && where <= S_COMMENT_ENDED) p.text = "";
    else if (where >= S_ATTRIB_VALUE_QUOTED && where <= S_ATTRIB_VALUE_UNQUOTED) {
      let chars = p.text.length;
      for (const a of p.attribList as { value: string }[]) chars += a.value.length;
      if (chars > limits.attributeChars) fail(tooLong);
    } else if (p.text.length > limits.markupChars)
      fail(
        `markup (a declaration, doctype or processing instruction) longer than ${limits.markupChars} characters`,
      );
    if (p.attribList.length > limits.attributes)
      fail(`an element with more than ${limits.attributes} attributes`);
    if (p.name.length > limits.nameChars || p.entity.length > limits.nameChars)
      fail(`a name or reference longer than ${limits.nameChars} characters`);
  };

  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (err) {
    parentPort.postMessage({ ioError: (err as Error).message });
    return;
  }
  try {
    // 64 KiB a batch: a batch's text then stays under V8's large-object size (128 KiB), and
    // is freed by the young generation's collections; 256 KiB batches kept 20 MiB alive.
    const buffer = Buffer.allocUnsafe(1 << 16);
    let decoder: { write(bytes: Buffer): string; end(): string } = new StringDecoder("utf8");
    let first = true;
    for (;;) {
      if (Atomics.load(state, STOP)) return;
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      read += n;
      if (first) {
        decoding = utf16(buffer, n);
        if (decoding !== "utf-8") {
          // TextDecoder drops the byte order mark; `stream` keeps a character cut by a read.
          const text = new TextDecoder(decoding);
          decoder = {
            write: (bytes) => text.decode(bytes, { stream: true }),
            end: () => text.decode(),
          };
        }
      }
      let chunk: string = decoder.write(buffer.subarray(0, n));
      if (first && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
      parser.write(chunk);
      if (!failed) bound();
      if (failed) return;
      send();
      // Wait while the importing thread is behind.
      for (let v = Atomics.load(state, IN_FLIGHT); v >= MAX_IN_FLIGHT; v = Atomics.load(state, IN_FLIGHT)) {
        if (Atomics.load(state, STOP)) return;
        Atomics.wait(state, IN_FLIGHT, v);
      }
    }
    const rest = decoder.end();
    if (rest) parser.write(rest);
    parser.close();
    if (failed) return;
    send();
    parentPort.postMessage({ done: true });
  } catch (err) {
    if (failed) return;
    // A file-system error (a directory, no permission) is the user's to fix.
    if (err instanceof Error && "syscall" in err) parentPort.postMessage({ ioError: err.message });
    else throw err;
  } finally {
    closeSync(fd);
  }
}
