import { LIMITS, SORTS, type Sort } from "@causette/types";
import { html } from "htm/preact";
import { Component } from "preact";
import { fragmentLang, fragmentUrl } from "../core/fragment.js";
import type { Thread } from "../stores/thread.js";
import { Branch, type ItemProps } from "./comment.js";
import { Form } from "./form.js";

export interface AppProps {
  th: Thread;
  /** Nesting shown before replies stop indenting. */
  max: number;
}

interface RootProps extends ItemProps {
  stamp?: number;
}

/**
 * A root thread, re-rendered only when something in it changed (its stamp: the store
 * renews it), or at the clock's tick.
 */
class Root extends Component<RootProps> {
  override shouldComponentUpdate(n: RootProps) {
    return n.stamp !== this.props.stamp || n.now !== this.props.now;
  }
  render(p: RootProps) {
    return Branch(p);
  }
}

/**
 * The whole thread: the count and the sort control, the root form (open), the comments,
 * "load more", and a live region. It re-renders when the thread's store changes, and each
 * half minute so that relative times and edit windows stay true.
 */
export class App extends Component<AppProps> {
  stop?: () => void;
  timer?: ReturnType<typeof setInterval>;
  closing?: ReturnType<typeof setTimeout>;
  /** The clock of relative times and edit windows: moves each half minute, not at each render. */
  now = Date.now();
  tick = () => {
    this.now = Date.now();
    this.forceUpdate();
  };

  override componentDidMount() {
    this.stop = this.props.th.$state.listen(() => this.forceUpdate());
    this.timer = setInterval(this.tick, 30_000);
  }

  override componentWillUnmount() {
    this.stop?.();
    clearInterval(this.timer);
    clearTimeout(this.closing);
  }

  override componentDidUpdate() {
    const { th } = this.props;
    const s = th.$state.get();
    if (s.focus) {
      const el = (this.base?.getRootNode() as ShadowRoot | undefined)?.getElementById(s.focus);
      s.focus = null;
      el?.focus();
    }
    // Edit and Delete go the moment an edit window closes, not at the next half-minute tick.
    clearTimeout(this.closing);
    const ms = th.nextClose();
    if (ms < 1e9) this.closing = setTimeout(this.tick, ms);
  }

  /**
   * One click handler for the whole thread: every comment's buttons (`data-a`), the sort
   * links and "more comments" (links to the server's HTML, for readers without script),
   * rather than closures made anew for each comment at each render: re-rendering a long
   * thread stays cheap.
   */
  act = (e: Event) => {
    const { th } = this.props;
    const target = e.target as Element;
    const link = target.closest<HTMLAnchorElement>("a[data-sort], a[data-more]");
    if (link) {
      e.preventDefault();
      if (link.dataset.sort) th.load(link.dataset.sort as Sort);
      else th.more();
      return;
    }
    const button = target.closest<HTMLElement>("button[data-a]");
    const id = button?.closest("article")?.id.slice(8);
    if (!id) return;
    const a = button!.dataset.a;
    if (a === "like" || a === "dislike") th.vote(id, a === "like" ? 1 : -1);
    else if (a === "reply") th.set({ reply: th.$state.get().reply === id ? null : id, edit: null });
    else if (a === "edit") th.set({ edit: id, reply: null });
    else if (a === "del" && confirm(th.i18n.t("confirmDel"))) th.remove(id);
  };

  render({ th, max }: AppProps) {
    const s = th.$state.get();
    const { t, count, lang } = th.i18n;
    const now = this.now;
    // From the roots only (1) to a few levels: the DOM's nesting, and the render's, stay shallow.
    const depth = max > 0 ? Math.min(max, LIMITS.displayDepthMax) : 1;
    const link = (sort: Sort, cursor?: string | null) =>
      fragmentUrl(th.server, { site: th.site, page: th.page, sort, lang, cursor });
    return html`<section aria-labelledby="cz-h" part="root" lang=${fragmentLang(lang)} data-causette-thread=${s.sort} data-count=${s.page?.commentCount} onClick=${this.act}>
      <div class="top">
        <h2 id="cz-h" tabindex="-1">${s.page ? count(s.page.commentCount) : t("loading")}</h2>
        <nav class="m" aria-label=${t("sort")}>
          ${SORTS.map((k) => html`<a href=${link(k)} data-sort=${k} aria-current=${k === s.sort ? "true" : undefined}>${t(k)}</a>`)}
        </nav>
      </div>
      ${s.page?.locked ? html`<p class="m">${t("closed")}</p>` : html`<${Form} th=${th} id="new" />`}
      <p class="m" role="status">${s.note}</p>
      ${s.phase === "error" && html`<p class="err" role="alert">${t("eLoad")} <button class="s" onClick=${() => th.load()}>${t("retry")}</button></p>`}
      <ol class="th" aria-labelledby="cz-h" aria-busy=${s.phase === "loading"}>
        ${(s.kids[""] ?? []).map((id) => html`<${Root} key=${id} th=${th} s=${s} id=${id} depth=${0} max=${depth} now=${now} stamp=${s.stamps[id]} />`)}
      </ol>
      ${s.next && html`<a class="s more" part="button" href=${link(s.sort, s.next)} data-more="" aria-disabled=${s.busy ? "true" : undefined}>${t("more")}</a>`}
    </section>`;
  }
}
