/** `causette migrate`: creates the database if needed and applies pending migrations. */
import { type Command, DB_OPTIONS, DB_USAGE, parse, storeOptions } from "./args.js";

export const migrate: Command = {
  summary: "create or upgrade the database",
  usage: `Usage: causette migrate [--db FILE | --database-url URL]

Creates the database when it does not exist and applies every pending migration.
The other commands do the same on start; run this one before deploying several servers.

${DB_USAGE}`,
  async run(argv) {
    const { values } = parse(argv, DB_OPTIONS);
    if (values.help) {
      console.log(this.usage);
      return 0;
    }
    const options = storeOptions(values);
    const { openStore } = await import("../store/open.js");
    const store = await openStore(options);
    // openStore already migrated; asking again lists nothing and proves the schema is current.
    await store.migrate();
    await store.close();
    console.log(
      JSON.stringify({
        msg: "database is up to date",
        database: options.databaseUrl ? "postgresql" : options.dbPath,
      }),
    );
    return 0;
  },
};
