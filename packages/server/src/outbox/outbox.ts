/**
 * @module outbox/outbox
 * Delivery that loses nothing: the e-mails and webhook deliveries the comments domain's
 * events cause. Two loops run in every server:
 *
 * - the **dispatcher** reads events the outbox has not dispatched yet from the event log,
 *   asks every registered **expander** what messages each causes, and writes them with the
 *   event marked dispatched in one transaction (store/outbox-store.ts: exactly once, even
 *   with several servers on PostgreSQL). An event exists iff its change committed, so a
 *   message exists iff its cause did; a crash before the transaction leaves the event
 *   undispatched and the next run expands it again.
 * - the **sender** leases due messages, hands each to the **transport** of its channel (one
 *   after the other, within the first half of the lease; the rest goes back), and
 *   records the outcome: sent, dropped (the transport's check says it is no longer wanted),
 *   or failed — due again after an exponential back-off, dead after `maxAttempts`. A
 *   per-recipient rate limit postpones a message without counting an attempt.
 *
 * Expanders and transports are registered by feature (notify/ for e-mail, hooks/ for
 * webhooks); the outbox knows neither e-mail nor HTTP.
 *
 * @example
 * const outbox = new Outbox(store, { pollMs: 500 });
 * outbox.expand(async (event) => event.type === "page.locked" ? [draftFor(event)] : []);
 * outbox.transport("webhook", { send: async (msg) => { await post(msg); return { status: "sent" }; } });
 * outbox.start(bus);
 */
import type { EventDraft, Journaled } from "../store/journal.js";
import type { MessageDraft, OutboxMessage } from "../store/outbox-store.js";
import type { Store } from "../store/types.js";

export type { MessageDraft, OutboxMessage, OutboxQuery, OutboxStatus } from "../store/outbox-store.js";

/** What an event causes: zero or more messages. Reads what it needs from the store. */
export type Expander = (event: Journaled<EventDraft>) => Promise<readonly MessageDraft[]>;

/** What a transport tells of one message. Throwing means "failed, try again later". */
export type SendOutcome = { status: "sent"; info?: string } | { status: "dropped"; reason: string };

export interface Transport {
  send(message: OutboxMessage): Promise<SendOutcome>;
  /**
   * True when the per-recipient rate limit does not apply to this channel: a webhook
   * endpoint is the owner's own and takes every event, where an e-mail address is a person.
   */
  unlimited?: boolean;
}

export interface OutboxOptions {
  /** How often both loops look for work when nothing wakes them (ms). */
  pollMs?: number;
  /** Events read per dispatcher pass, messages leased per sender pass. */
  batch?: number;
  /** First retry after this (ms); each next one waits twice as long, up to `maxBackoffMs`. */
  retryBaseMs?: number;
  maxBackoffMs?: number;
  /** Attempts before a message is dead. */
  maxAttempts?: number;
  /** How long a claimed message is reserved for its sender (ms). */
  leaseMs?: number;
  /** Per recipient: at most `rateMax` messages sent per `rateWindowMs`. */
  rateMax?: number;
  rateWindowMs?: number;
  /** Where failures of the loops themselves are told (a database down…). */
  log?: (line: string) => void;
  now?: () => number;
}

export const OUTBOX_DEFAULTS = {
  pollMs: 1000,
  batch: 50,
  retryBaseMs: 30_000,
  maxBackoffMs: 6 * 3_600_000,
  maxAttempts: 8,
  leaseMs: 120_000,
  rateMax: 20,
  rateWindowMs: 3_600_000,
} as const;

/** `CAUSETTE_OUTBOX_*` variables (tests and busy sites tune them); unset ones keep the defaults. */
export function outboxOptionsFromEnv(env: Record<string, string | undefined>): OutboxOptions {
  const names: [keyof typeof OUTBOX_DEFAULTS, string][] = [
    ["pollMs", "CAUSETTE_OUTBOX_POLL_MS"],
    ["retryBaseMs", "CAUSETTE_OUTBOX_RETRY_MS"],
    ["maxAttempts", "CAUSETTE_OUTBOX_MAX_ATTEMPTS"],
    ["leaseMs", "CAUSETTE_OUTBOX_LEASE_MS"],
    ["rateMax", "CAUSETTE_OUTBOX_RATE_MAX"],
  ];
  const out: OutboxOptions = {};
  for (const [key, name] of names) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number, not "${raw}".`);
    out[key] = Number(raw);
  }
  return out;
}

/** Something that tells the outbox an event was just committed (the domain's EventBus). */
export interface Waker {
  on(listener: () => void): () => void;
}

export class Outbox {
  readonly #expanders: Expander[] = [];
  readonly #transports = new Map<string, Transport>();
  readonly #o: Required<Omit<OutboxOptions, "log" | "now">>;
  readonly #log: (line: string) => void;
  readonly #now: () => number;
  #timer: ReturnType<typeof setInterval> | null = null;
  #off: (() => void) | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = true;

  constructor(
    private readonly store: Store,
    options: OutboxOptions = {},
  ) {
    const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.#o = { ...OUTBOX_DEFAULTS, ...defined } as Required<Omit<OutboxOptions, "log" | "now">>;
    this.#log = options.log ?? ((line) => console.error(line));
    this.#now = options.now ?? Date.now;
  }

  get options(): Readonly<Required<Omit<OutboxOptions, "log" | "now">>> {
    return this.#o;
  }

  /** Registers an expander: every event not dispatched yet goes through each. */
  expand(expander: Expander): this {
    this.#expanders.push(expander);
    return this;
  }

  /** Registers the transport of a channel ("email", "webhook"). */
  transport(channel: string, transport: Transport): this {
    this.#transports.set(channel, transport);
    return this;
  }

  hasTransport(channel: string): boolean {
    return this.#transports.has(channel);
  }

  /** Writes messages no event caused (confirmation e-mails, tests), then wakes the sender. */
  async enqueue(drafts: readonly MessageDraft[]): Promise<void> {
    await this.store.outbox.enqueue(drafts, this.#iso());
    this.kick();
  }

  /** Starts both loops: every `pollMs`, and at once when `waker` tells of an event. */
  start(waker?: Waker): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#timer = setInterval(() => this.kick(), this.#o.pollMs);
    this.#timer.unref?.();
    this.#off = waker?.on(() => this.kick()) ?? null;
    this.kick();
  }

  /** Stops the loops and waits for the pass under way. Leased messages are left to expire. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#off?.();
    this.#off = null;
    await this.#running;
  }

  /** Runs a pass now (or right after the one under way). */
  kick(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        try {
          await this.runOnce();
        } catch (err) {
          this.#report("outbox pass failed", err);
        }
      } while (this.#again && !this.#stopped);
    })().finally(() => {
      this.#running = null;
    });
  }

  /** Resolves once no pass is running (tests). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** One dispatcher pass, then one sender pass. Returns what each did. */
  async runOnce(): Promise<{ dispatched: number; sent: number }> {
    const dispatched = await this.dispatchOnce();
    const sent = await this.sendOnce();
    return { dispatched, sent };
  }

  /** Expands the events not dispatched yet (repeats until none is left). */
  async dispatchOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const events = await this.store.outbox.undispatched(this.#o.batch);
      if (!events.length) return total;
      const drafts = new Map<number, MessageDraft[]>();
      for (const event of events) {
        const out: MessageDraft[] = [];
        for (const expander of this.#expanders) out.push(...(await expander(event)));
        drafts.set(event.id, out);
      }
      const done = await this.store.outbox.dispatch(drafts, this.#iso());
      total += done.length;
      // Another server holds the rest of this batch: leave it to that server.
      if (done.length < events.length) return total;
    }
  }

  /** Sends what is due; returns how many went out. */
  async sendOnce(): Promise<number> {
    let sent = 0;
    const channels = [...this.#transports.keys()];
    if (!channels.length) return 0;
    for (;;) {
      const now = this.#now();
      const leaseUntil = new Date(now + this.#o.leaseMs).toISOString();
      const batch = await this.store.outbox.claim(
        new Date(now).toISOString(),
        leaseUntil,
        this.#o.batch,
        channels,
      );
      if (!batch.length) return sent;
      for (const [i, message] of batch.entries()) {
        // Half the lease gone (a slow relay): the rest goes back, to be claimed with a fresh
        // lease. Sent under a lease that ran out, a message could also be sent by another
        // server that claimed it meanwhile.
        if (this.#now() - now >= this.#o.leaseMs / 2) {
          await this.store.outbox.release(
            batch.slice(i).map((m) => m.id),
            leaseUntil,
          );
          break;
        }
        if (await this.#deliver(message)) sent++;
      }
      if (this.#stopped) return sent;
    }
  }

  async #deliver(message: OutboxMessage): Promise<boolean> {
    const transport = this.#transports.get(message.channel);
    if (!transport) return false;
    const now = this.#now();
    const since = new Date(now - this.#o.rateWindowMs).toISOString();
    if (
      !transport.unlimited &&
      (await this.store.outbox.sentSince(message.recipient, since)) >= this.#o.rateMax
    ) {
      await this.store.outbox.postpone(
        message.id,
        new Date(now + Math.min(this.#o.rateWindowMs / 4, 15 * 60_000)).toISOString(),
        this.#iso(),
      );
      return false;
    }
    let outcome: SendOutcome;
    try {
      outcome = await transport.send(message);
    } catch (err) {
      const attempts = message.attempts + 1;
      const reason = String((err as Error)?.message ?? err);
      const retryAt =
        attempts >= this.#o.maxAttempts
          ? null
          : new Date(
              this.#now() + Math.min(this.#o.maxBackoffMs, this.#o.retryBaseMs * 2 ** (attempts - 1)),
            ).toISOString();
      await this.store.outbox.markFailed(message.id, reason, this.#iso(), retryAt);
      return false;
    }
    if (outcome.status === "dropped") {
      await this.store.outbox.drop(message.id, outcome.reason, this.#iso());
      return false;
    }
    await this.store.outbox.markSent(message.id, this.#iso());
    return true;
  }

  #iso(): string {
    return new Date(this.#now()).toISOString();
  }

  #report(msg: string, err: unknown): void {
    this.#log(JSON.stringify({ level: "error", msg, error: String((err as Error)?.stack ?? err) }));
  }
}
