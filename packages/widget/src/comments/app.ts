import { LIMITS, SORTS, type Sort } from "@causette/types";
import { html } from "htm/preact";
import { Component } from "preact";
import { fragmentLang, fragmentUrl } from "../core/fragment.js";
import type { Thread } from "../stores/thread.js";
import { watch } from "../stores/watch.js";
import { Branch, type ItemProps } from "./comment.js";
import { Form } from "./form.js";

export interface AppProps {
  thread: Thread;
  /** Nesting shown before replies stop indenting. */
  max: number;
  /**
   * The server's HTML only: where the page's live stream resumes (the thread's `eventId`),
   * for the loader, which holds the stream before the app comes.
   */
  eventId?: string;
}

/**
 * A root thread: it listens to its own atom (the store renews it when anything in the
 * thread changes), so that one reply re-renders one thread; the app's re-renders pass it by,
 * but for the clock's tick.
 */
class Root extends Component<ItemProps> {
  declare stop?: () => void;
  override componentDidMount() {
    this.stop = watch(this, this.props.thread.$root(this.props.id));
  }
  override componentWillUnmount() {
    this.stop?.();
  }
  override shouldComponentUpdate(next: ItemProps) {
    return next.now !== this.props.now;
  }
  render(props: ItemProps) {
    return Branch(props);
  }
}

/**
 * The whole thread: the count and the sort control, the root form (open), the comments,
 * "load more", and a live region. It re-renders when the thread's meta, the interface's state
 * or the list of roots changes, and each half minute so that relative times and edit windows
 * stay true.
 */
export class App extends Component<AppProps> {
  declare stop?: () => void;
  declare timer?: ReturnType<typeof setInterval>;
  declare closing?: ReturnType<typeof setTimeout>;
  /** The clock of relative times and edit windows: moves each half minute, not at each render. */
  now = Date.now();
  tick = () => {
    this.now = Date.now();
    this.forceUpdate();
  };

  override componentDidMount() {
    const { thread } = this.props;
    this.stop = watch(this, thread.$meta, thread.$ui, thread.$root(""));
    this.timer = setInterval(this.tick, 30_000);
  }

  override componentWillUnmount() {
    this.stop?.();
    clearInterval(this.timer);
    clearTimeout(this.closing);
  }

  override componentDidUpdate() {
    const { thread } = this.props;
    const focus = thread.takeFocus();
    if (focus) (this.base?.getRootNode() as ShadowRoot | undefined)?.getElementById(focus)?.focus();
    // Edit and Delete go the moment an edit window closes, not at the next half-minute tick.
    clearTimeout(this.closing);
    const ms = thread.nextClose();
    if (ms < 1e9) this.closing = setTimeout(this.tick, ms);
  }

  /**
   * One click handler for the whole thread: every comment's buttons (`data-a`), the sort
   * links and "more comments" (links to the server's HTML, for readers without script),
   * rather than closures made anew for each comment at each render: re-rendering a long
   * thread stays cheap.
   */
  act = (e: Event) => {
    const { thread } = this.props;
    const target = e.target as Element;
    const link = target.closest<HTMLAnchorElement>("a[data-sort], a[data-more]");
    if (link) {
      e.preventDefault();
      if (link.dataset.sort) thread.load(link.dataset.sort as Sort);
      else thread.more();
      return;
    }
    const button = target.closest<HTMLElement>("button[data-a]");
    const id = button?.closest("article")?.id.slice(8);
    if (!id) return;
    const a = button!.dataset.a;
    if (a === "like" || a === "dislike") thread.vote(id, a === "like" ? 1 : -1);
    else if (a === "reply") thread.toggleReply(id);
    else if (a === "edit") thread.startEdit(id);
    else if (a === "del" && confirm(thread.i18n.t("confirmDel"))) thread.remove(id);
  };

  render({ thread, max, eventId }: AppProps) {
    const meta = thread.$meta.get();
    const ui = thread.$ui.get();
    const { t, count, lang } = thread.i18n;
    const now = this.now;
    // From the roots only (1) to a few levels: the DOM's nesting, and the render's, stay shallow.
    const depth = max > 0 ? Math.min(max, LIMITS.displayDepthMax) : 1;
    const link = (sort: Sort, cursor?: string | null) =>
      fragmentUrl(thread.server, { site: thread.site, page: thread.page, sort, lang, cursor });
    return html`<section aria-labelledby="cz-h" part="root" lang=${fragmentLang(lang)} data-causette-thread=${meta.sort} data-count=${meta.page?.commentCount} data-event-id=${eventId} onClick=${this.act}>
      <div class="top">
        <h2 id="cz-h" tabindex="-1">${meta.page ? count(meta.page.commentCount) : t("loading")}</h2>
        <nav class="muted" aria-label=${t("sort")}>
          ${SORTS.map((k) => html`<a href=${link(k)} data-sort=${k} aria-current=${k === meta.sort ? "true" : undefined}>${t(k)}</a>`)}
        </nav>
      </div>
      ${meta.page?.locked ? html`<p class="muted">${t("closed")}</p>` : html`<${Form} thread=${thread} id="new" />`}
      <p class="muted" role="status">${ui.note}</p>
      ${meta.phase === "error" && html`<p class="err" role="alert">${t("eLoad")} <button class="secondary" onClick=${() => thread.load()}>${t("retry")}</button></p>`}
      <ol class="thread" aria-labelledby="cz-h" aria-busy=${meta.phase === "loading"}>
        ${(thread.tree.kids[""] ?? []).map((id) => html`<${Root} key=${id} thread=${thread} id=${id} depth=${0} max=${depth} now=${now} />`)}
      </ol>
      ${meta.next && html`<a class="secondary more" part="button" href=${link(meta.sort, meta.next)} data-more="" aria-disabled=${meta.busy ? "true" : undefined}>${t("more")}</a>`}
    </section>`;
  }
}
