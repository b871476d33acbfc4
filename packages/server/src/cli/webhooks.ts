/** `causette webhooks secret`: the Standard Webhooks secret receivers verify deliveries with. */
import { randomBytes } from "node:crypto";
import { type Command, DB_OPTIONS, DB_USAGE, parse, storeOptions, UsageError } from "./args.js";

export const webhooks: Command = {
  summary: "print the webhook signing secret: secret [--new]",
  usage: `Usage: causette webhooks secret [--new] [--db FILE | --database-url URL]

Prints the secret webhook deliveries are signed with (Standard Webhooks, "whsec_…"), for
the receivers: CAUSETTE_WEBHOOK_SECRET when it is set, otherwise the one derived from the
database's own secret (the same on every server of the database).

  --new                print a fresh random secret to put in CAUSETTE_WEBHOOK_SECRET
${DB_USAGE}`,
  async run(argv) {
    const { values, positionals } = parse(argv, { ...DB_OPTIONS, new: { type: "boolean" } }, true);
    if (values.help) {
      console.log(this.usage);
      return 0;
    }
    if (positionals.length !== 1 || positionals[0] !== "secret") throw new UsageError("say `secret`.");
    const { secretText, parseWebhookConfig, parseSecret, webhookKey, WEBHOOK_ENV } = await import(
      "../hooks/config.js"
    );
    if (values.new) {
      console.log(secretText(randomBytes(32)));
      return 0;
    }
    const configured = process.env[WEBHOOK_ENV.secret]?.trim();
    if (configured) {
      parseSecret(configured);
      console.log(configured);
      return 0;
    }
    const { openStore } = await import("../store/open.js");
    const store = await openStore(storeOptions(values));
    try {
      console.log(secretText(webhookKey(parseWebhookConfig(process.env), await store.secret())));
    } finally {
      await store.close();
    }
    return 0;
  },
};
