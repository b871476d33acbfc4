/** Reads Server-Sent Events from a response body, for tests (in-process or over HTTP). */

export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

const sleep = (ms: number) => new Promise<undefined>((r) => setTimeout(() => r(undefined), ms).unref());

export class SseReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #buffer = "";
  #pending: ReturnType<ReadableStreamDefaultReader<Uint8Array>["read"]> | null = null;
  /** Everything received so far, comment lines included (heartbeats). */
  raw = "";

  constructor(body: ReadableStream<Uint8Array> | null) {
    if (!body) throw new Error("no body to read events from");
    this.#reader = body.getReader();
  }

  /** The next message (blocks with an `event` or `data` line), or null when the stream ends. */
  async next(timeoutMs = 5_000): Promise<SseMessage | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.#buffer.indexOf("\n\n");
      if (end >= 0) {
        const block = this.#buffer.slice(0, end);
        this.#buffer = this.#buffer.slice(end + 2);
        const message: SseMessage = { id: null, event: "message", data: "" };
        let hasData = false;
        for (const line of block.split("\n")) {
          if (line.startsWith(":") || !line) continue;
          const colon = line.indexOf(":");
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
          if (field === "id") message.id = value;
          else if (field === "event") message.event = value;
          else if (field === "data") {
            message.data += (hasData ? "\n" : "") + value;
            hasData = true;
          }
        }
        if (hasData) return message;
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no event within ${timeoutMs} ms; received so far: ${JSON.stringify(this.raw)}`);
      let timer: NodeJS.Timeout | undefined;
      // A read left pending by a timeout is the one to wait for next (its chunk must not be lost).
      this.#pending ??= this.#reader.read();
      const chunk = await Promise.race([
        this.#pending,
        new Promise<"timeout">((r) => {
          timer = setTimeout(() => r("timeout"), left);
        }),
      ]);
      clearTimeout(timer);
      if (chunk === "timeout") continue;
      this.#pending = null;
      if (chunk.done) return null;
      const text = this.#decoder.decode(chunk.value, { stream: true });
      this.raw += text;
      this.#buffer += text;
    }
  }

  /** Waits for the stream's opening comment (`:ok`): from then on it is registered on its server. */
  async ready(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.raw.includes(":ok\n")) {
      this.#pending ??= this.#reader.read();
      const chunk = await Promise.race([this.#pending, sleep(Math.max(1, deadline - Date.now()))]);
      if (chunk === undefined) throw new Error(`the stream did not open within ${timeoutMs} ms`);
      this.#pending = null;
      if (chunk.done) throw new Error("the stream ended before it opened");
      const text = this.#decoder.decode(chunk.value, { stream: true });
      this.raw += text;
      this.#buffer += text;
    }
  }

  /** Messages until one of type `event` comes; returns it (the others are dropped). */
  async until(event: string, timeoutMs = 5_000): Promise<SseMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = await this.next(Math.max(1, deadline - Date.now()));
      if (!m) throw new Error(`the stream ended before a "${event}" event`);
      if (m.event === event) return m;
    }
  }

  /** Resolves false when no message arrives within `ms` (checks that something is NOT sent). */
  async quiet(ms: number): Promise<SseMessage | null> {
    try {
      return await this.next(ms);
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    await this.#reader.cancel().catch(() => {});
  }
}
