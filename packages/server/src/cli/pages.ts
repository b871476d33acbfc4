/**
 * `causette pages move|alias|merge|undo|history`: threads that survive a URL change
 * (store/page-moves.ts, docs/cli.md). Each change is recorded with its number, and undone
 * by `causette pages undo [N]`.
 */
import { DEFAULTS, type PageMove, type PageMoveKind } from "@causette/types";
import { CommentsDomain } from "../comments/domain.js";
import { EventBus } from "../comments/events.js";
import { isCausetteError } from "../errors.js";
import type { Store } from "../store/types.js";
import { type Command, DB_OPTIONS, DB_USAGE, parse, storeOptions, UsageError } from "./args.js";

const OPTIONS = { ...DB_OPTIONS, site: { type: "string" }, json: { type: "boolean" } } as const;

const WHAT: Record<PageMoveKind, string> = {
  move: "moved",
  alias: "aliased",
  merge: "merged",
};

/**
 * Moves go through the comments domain, as the admin's do: their events are written to the
 * event log with the change, so running servers (other processes: LISTEN/NOTIFY on
 * PostgreSQL) forget the cached threads of both pages, and webhooks hear of it. A page
 * operation reads none of the reader settings; these are inert.
 */
function domain(store: Store): CommentsDomain {
  return new CommentsDomain(
    store,
    { moderation: "none", editWindow: 0, rateLimit: 0, origins: null },
    () => store.secret(),
    new EventBus(),
  );
}

/** One line for a recorded operation, as `history` lists it and the other actions confirm it. */
function describe(m: PageMove): string {
  const what =
    m.kind === "alias"
      ? `${m.from} → ${m.to} (alias)`
      : `${m.from} → ${m.to} (${m.kind}, ${m.comments} comment${m.comments === 1 ? "" : "s"})`;
  const undone = m.undoneAt ? `, undone ${m.undoneAt} by ${m.undoneBy}` : "";
  return `#${m.id} ${what}, ${m.createdAt} by ${m.by}${undone}`;
}

/** A page id as readers' pages send it: a path, e.g. `/2019/03/ranger/`. */
function pageArg(value: string | undefined, name: string): string {
  if (value === undefined) throw new UsageError(`which page? ${name} is missing.`);
  const page = value.trim();
  if (!page) throw new UsageError(`${name} is empty.`);
  return page;
}

/**
 * @example causette pages move /2016/08/arreter/ /arreter-de-fumer/ --site blog
 */
export const pages: Command = {
  summary: "move, alias or merge a page's thread; undo it",
  usage: `Usage: causette pages <action> [options]

  move OLD NEW         the comments of OLD now live under NEW; OLD becomes an alias of NEW,
                       so old links and counts still find them. NEW must have no comments
  alias OLD NEW        requests for OLD are served NEW's thread (no comment moves); OLD
                       must have no comments
  merge A B            A's comments join B's thread (in date order); A becomes an alias of B
  undo [N]             undoes operation N (default: the latest still in effect)
  history              lists the operations, newest first, with their numbers

  --site NAME          the site (default "${DEFAULTS.site}")
  --json               print the result as JSON
${DB_USAGE}

A running server sees a change within a second. Docs: docs/cli.md`,
  async run(argv) {
    const { values, positionals } = parse(argv, OPTIONS, true);
    if (values.help) {
      console.log(this.usage);
      return 0;
    }
    const [action, ...args] = positionals;
    const site = values.site ?? DEFAULTS.site;
    if (!site.trim()) throw new UsageError("--site needs a name.");
    const most = (n: number) => {
      if (args.length > n) throw new UsageError(`too many arguments for ${action}: "${args[n]}".`);
    };
    let run: (store: Store) => Promise<PageMove | PageMove[]>;
    if (action === "move" || action === "alias" || action === "merge") {
      const [first, second] = action === "merge" ? ["A", "B"] : ["OLD", "NEW"];
      const from = pageArg(args[0], first);
      const to = pageArg(args[1], second);
      most(2);
      run = (store) => domain(store).movePage({ kind: action, from, to }, site, "cli");
    } else if (action === "undo") {
      most(1);
      const n = args[0];
      if (n !== undefined && !/^[1-9]\d{0,9}$/.test(n))
        throw new UsageError(`undo takes an operation number (see causette pages history), not "${n}".`);
      run = (store) => domain(store).movePage({ undo: n === undefined ? null : Number(n) }, site, "cli");
    } else if (action === "history") {
      most(0);
      run = (store) => store.moves.list(site);
    } else
      throw new UsageError(
        action ? `unknown action "${action}".` : "which action: move, alias, merge, undo or history?",
      );

    const { openStore } = await import("../store/open.js");
    const store = await openStore(storeOptions(values));
    try {
      const result = await run(store);
      if (values.json)
        console.log(JSON.stringify(Array.isArray(result) ? { moves: result } : { move: result }));
      else if (Array.isArray(result))
        console.log(result.length ? result.map(describe).join("\n") : `No page was moved on site "${site}".`);
      else if (result.undoneAt) console.log(`Undone: ${describe(result)}`);
      else
        console.log(
          `${WHAT[result.kind][0]!.toUpperCase()}${WHAT[result.kind].slice(1)}: ${describe(result)}`,
        );
      return 0;
    } catch (err) {
      // Refusals (a page with comments, an alias loop…) are answers, not crashes.
      if (isCausetteError(err)) {
        console.error(`causette pages: ${err.message}`);
        return 1;
      }
      throw err;
    } finally {
      await store.close();
    }
  },
};
