/**
 * @module notify/smtp
 * The SMTP side, through nodemailer: `smtp://` starts in clear and upgrades with STARTTLS
 * when the relay offers it (a local relay that does not is spoken to in clear), `smtps://`
 * is TLS from the first byte. Credentials ride in the URL (`smtp://user:pass@host:587`).
 */
import nodemailer from "nodemailer";
import type { SendMail } from "./notify.js";

export interface Smtp {
  send: SendMail;
  /** Connects, greets and (with credentials) logs in, without sending anything. */
  verify(): Promise<void>;
  close(): void;
}

export function smtp(url: string, from: string, options: { logger?: boolean } = {}): Smtp {
  const transporter = nodemailer.createTransport(url, {
    from,
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
