/**
 * @module notify/smtp
 * The SMTP side, through nodemailer: `smtp://` starts in clear and upgrades with STARTTLS
 * when the relay offers it (a local relay that does not is spoken to in clear), `smtps://`
 * is TLS from the first byte. Credentials ride in the URL (`smtp://user:pass@host:587`).
 */
import { createRequire } from "node:module";
import type Nodemailer from "nodemailer";
import type { SendMail } from "./notify.js";

/**
 * nodemailer, loaded by the first `smtp()`: a server without a relay never loads it (it
 * weighs about 12 MiB of memory, an eighth of a small server's).
 */
let nodemailer: typeof Nodemailer | null = null;

export interface Smtp {
  send: SendMail;
  /** Connects, greets and (with credentials) logs in, without sending anything. */
  verify(): Promise<void>;
  close(): void;
}

/** nodemailer's options from `CAUSETTE_SMTP_URL` (`smtp://user:pass@host:587`, `smtps://…`). */
export function smtpOptions(url: string) {
  const u = new URL(url);
  const secure = u.protocol === "smtps:";
  return {
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    // smtps: TLS from the first byte; smtp: STARTTLS when the relay offers it, else clear.
    secure,
    ...(u.username
      ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } }
      : {}),
  };
}

export function smtp(url: string, from: string, options: { logger?: boolean } = {}): Smtp {
  nodemailer ??= createRequire(import.meta.url)("nodemailer") as typeof Nodemailer;
  const transporter = nodemailer.createTransport({
    ...smtpOptions(url),
    // Connections are kept and reused (a new connection and handshake per message costs more
    // than the message); a relay that closed an idle one gets a new one.
    pool: true,
    maxConnections: 2,
    // Bounded waits: a relay that hangs fails the attempt, and the outbox retries later.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...(options.logger ? { logger: true, debug: true } : {}),
  });
  return {
    send: async (mail) => {
      const info = await transporter.sendMail({
        from,
        to: { name: "", address: mail.to },
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        headers: mail.headers,
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
        // Never let nodemailer fetch or read a file for a link in the HTML.
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      return { response: String(info.response ?? "") };
    },
    verify: async () => {
      await transporter.verify();
    },
    close: () => transporter.close(),
  };
}
