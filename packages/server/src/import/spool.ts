/**
 * An on-disk queue of JSON lines. The importers parse the whole file into a spool before
 * the first write to the database: a malformed file then fails before anything is
 * imported, without holding the file in memory, and without one long transaction that
 * would keep a live server from writing for the whole import.
 */
import { closeSync, createReadStream, openSync, writeSync } from "node:fs";

const FLUSH_AT = 1 << 18;

/** Appends JSON lines to a file, in large writes. */
export class SpoolWriter {
  readonly #fd: number;
  #buffer: string[] = [];
  #size = 0;
  count = 0;

  constructor(readonly path: string) {
    this.#fd = openSync(path, "a");
  }

  write(record: unknown): void {
    const line = `${JSON.stringify(record)}\n`;
    this.#buffer.push(line);
    this.#size += line.length;
    this.count++;
    if (this.#size >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (!this.#buffer.length) return;
    writeSync(this.#fd, this.#buffer.join(""));
    this.#buffer = [];
    this.#size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.#fd);
  }
}

/**
 * Reads back the lines a SpoolWriter wrote, those of about 64 KiB of file at a time (JSON
 * escapes newlines inside strings, so every newline ends a record).
 */
export async function* readSpoolLines(path: string): AsyncGenerator<string[]> {
  let rest = "";
  for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 16 })) {
    const text = rest + (chunk as string);
    const lines: string[] = [];
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      if (nl > start) lines.push(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    if (lines.length) yield lines;
  }
  if (rest) yield [rest];
}

/** Reads back what a SpoolWriter wrote, one record at a time. */
export async function* readSpool<T>(path: string): AsyncGenerator<T> {
  for await (const lines of readSpoolLines(path)) for (const line of lines) yield JSON.parse(line) as T;
}
