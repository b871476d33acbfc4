/**
 * An on-disk queue of JSON lines. The importers parse the whole file into a spool before
 * the first write to the database: a malformed file then fails before anything is
 * imported, without holding the file in memory, and without one long transaction that
 * would keep a live server from writing for the whole import.
 */
import { closeSync, createReadStream, openSync, writeSync } from "node:fs";
import { createInterface } from "node:readline";

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

/** Reads back what a SpoolWriter wrote, one record at a time. */
export async function* readSpool<T>(path: string): AsyncGenerator<T> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: "utf8" }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) if (line) yield JSON.parse(line) as T;
}
