/**
 * Streams an XML file through saxes: the file is read in chunks and never held whole, so a
 * 500 MB export needs a few megabytes. Reading and tokenizing run in a worker thread
 * (xml-worker.ts) while this thread runs the format's handlers on what it has sent: the
 * parsing step of a large import takes half the time on two cores. The worker sends at most
 * a few batches ahead, so memory stays bounded. Element names lose their namespace prefix
 * (`wp:comment` → `comment`, `dsq:id` → `id`): exports in the wild bind the same
 * namespaces to different URIs (WXR 1.0, 1.1, 1.2, http and https), and prefixes are what
 * their writers keep stable.
 */
import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import {
  EVENT_CLOSE,
  EVENT_TEXT,
  SLOT_IN_FLIGHT,
  SLOT_STOP,
  tokenize,
  type WorkerInput,
  type WorkerMessage,
  XML_LIMITS,
  type XmlBatch,
} from "./xml-worker.js";

const SAXES = createRequire(import.meta.url).resolve("saxes");

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

/**
 * Parses `file` as XML, calling `handlers` for each element, in this thread. Rejects with an
 * ImportError giving the line and column of the first well-formedness error (the handlers
 * have then seen everything before it, and nothing after), or with what a handler threw
 * (the worker stops at once).
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
  const shared = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  const state = new Int32Array(shared);
  const worker = new Worker(`(${tokenize})()`, {
    eval: true,
    workerData: { file, saxes: SAXES, shared, limits: XML_LIMITS } satisfies WorkerInput,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (err?: unknown) => {
        if (settled) return;
        settled = true;
        if (err === undefined) resolve();
        else reject(err);
      };
      const names: string[] = [];
      worker.on("message", (m: WorkerMessage) => {
        if (settled) return;
        try {
          if ("events" in m) {
            for (const name of m.names) names.push(name);
            dispatch(m, names, handlers);
            Atomics.sub(state, SLOT_IN_FLIGHT, 1);
            Atomics.notify(state, SLOT_IN_FLIGHT);
            onProgress?.(m.read, total);
          } else if ("malformed" in m) {
            settle(
              new ImportError(
                `${file}:${m.line}:${m.column}: malformed XML: ${m.malformed}`,
                m.line,
                m.column,
              ),
            );
          } else if ("ioError" in m) {
            // A file-system error (a directory, no permission) is the user's to fix.
            settle(new ImportError(`${file}: ${m.ioError}`));
          } else settle();
        } catch (err) {
          // Thrown by a handler: an ImportError (not this format), or a bug that keeps its stack.
          settle(err);
        }
      });
      worker.on("error", settle);
      worker.on("exit", (code) => settle(new Error(`the XML tokenizer stopped early (exit code ${code})`)));
    });
  } finally {
    Atomics.store(state, SLOT_STOP, 1);
    Atomics.notify(state, SLOT_IN_FLIGHT);
    await worker.terminate();
  }
}

// Given to elements without attributes (most of them): one object instead of one each.
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({});

/** Runs the handlers on one batch of the worker's events. */
function dispatch({ events, text }: XmlBatch, names: readonly string[], handlers: XmlHandlers): void {
  let i = 0;
  while (i < events.length) {
    const kind = events[i++];
    if (kind === EVENT_TEXT) {
      handlers.text(text.slice(events[i]!, events[i + 1]!));
      i += 2;
    } else if (kind === EVENT_CLOSE) handlers.close(names[events[i++]!]!);
    else {
      const name = names[events[i++]!]!;
      const line = events[i++]!;
      let count = events[i++]!;
      let attrs = NO_ATTRIBUTES;
      if (count) {
        attrs = {};
        for (; count > 0; count--, i += 3)
          attrs[names[events[i]!]!] = text.slice(events[i + 1]!, events[i + 2]!);
      }
      handlers.open(name, attrs, line);
    }
  }
}
