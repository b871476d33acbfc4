/**
 * `causette mail test ADDRESS`: sends one e-mail through `CAUSETTE_SMTP_URL`, straight (not
 * through the outbox), and prints how the SMTP dialogue ended: the relay's greeting and login
 * (verify), then its answer to the message, or the error with the SMTP command it failed at.
 */
import { ENV } from "@causette/types";
import { MailSettingsError, mailSettings, plainAddress } from "../notify/settings.js";
import { type Command, parse, UsageError } from "./args.js";

export const mail: Command = {
  summary: "e-mail: test ADDRESS sends a test e-mail and prints the relay's answer",
  usage: `Usage: causette mail test ADDRESS [--verbose]

Sends one test e-mail to ADDRESS through ${ENV.smtpUrl} (from ${ENV.mailFrom}) and prints
the outcome of the SMTP dialogue. --verbose also prints the dialogue itself (without the
password). Exit code 0 when the relay accepted the message, 1 otherwise.`,
  async run(argv) {
    const { values, positionals } = parse(argv, { verbose: { type: "boolean" } }, true);
    if (values.help) {
      console.log(this.usage);
      return 0;
    }
    const [sub, to] = positionals;
    if (sub !== "test" || !to) throw new UsageError("expected: causette mail test ADDRESS");
    let settings: ReturnType<typeof mailSettings>;
    let address: string;
    try {
      settings = mailSettings(process.env);
      address = plainAddress(to, "ADDRESS");
    } catch (err) {
      if (err instanceof MailSettingsError) throw new UsageError(err.message);
      throw err;
    }
    if (!settings.smtpUrl) throw new UsageError(`${ENV.smtpUrl} is not set: there is no relay to test.`);
    const { smtp } = await import("../notify/smtp.js");
    const relay = smtp(settings.smtpUrl, settings.from, { logger: values.verbose === true });
    const where = new URL(settings.smtpUrl);
    const target = `${where.protocol}//${where.hostname}:${where.port || (where.protocol === "smtps:" ? 465 : 587)}`;
    try {
      await relay.verify();
      console.log(JSON.stringify({ msg: "relay answered", relay: target }));
      const sent = await relay.send({
        to: address,
        subject: "Causette: test e-mail",
        text: "This is a test e-mail from your Causette server. The relay accepted it.\n",
        html: "<p>This is a test e-mail from your Causette server. The relay accepted it.</p>",
        headers: { "Auto-Submitted": "auto-generated" },
      });
      console.log(
        JSON.stringify({ msg: "relay accepted the message", to: address, response: sent.response }),
      );
      return 0;
    } catch (err) {
      const e = err as Error & { code?: string; command?: string; response?: string; responseCode?: number };
      console.error(
        JSON.stringify({
          msg: "sending failed",
          relay: target,
          code: e.code,
          command: e.command,
          responseCode: e.responseCode,
          response: e.response ?? e.message,
        }),
      );
      return 1;
    } finally {
      relay.close();
    }
  },
};
