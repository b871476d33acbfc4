/**
 * WordPress eXtended RSS (WXR 1.0, 1.1, 1.2), as written by Tools → Export. Each `<item>`
 * (a post, a page) holds its own comments, so comments are collected one item at a time
 * and ordered when the item closes: memory is bounded by the largest post, not the file.
 */
import { LIMITS, pageIdQuery } from "@causette/types";
import type { HoldReason, ParsedComment, ParsedPage, SourceStatus } from "./model.js";
import type { ImportReport } from "./report.js";
import { email as cleanEmail, httpUrl, oneLine, pageIdFromUrl, wpDateToIso } from "./text.js";
import { type OrderedComment, orderThread } from "./thread.js";
import { ImportError, parseXmlFile } from "./xml.js";

/** Longest text kept from one field; a comment over it is skipped as too large. */
export const MAX_FIELD = 1 << 20;

const ITEM_FIELDS = new Set([
  "title",
  "post_password",
  "link",
  "post_id",
  "status",
  "post_type",
  "comment_status",
  "post_date_gmt",
]);
const COMMENT_FIELDS = new Set([
  "comment_id",
  "comment_author",
  "comment_author_email",
  "comment_author_url",
  "comment_date",
  "comment_date_gmt",
  "comment_content",
  "comment_approved",
  "comment_type",
  "comment_parent",
  "comment_user_id",
]);
const AUTHOR_FIELDS = new Set(["author_id", "author_email", "author_login"]);
// The channel's fields that name the blog, best first: its ids are namespaced by it.
const BLOG_FIELDS = ["base_blog_url", "link"];
// Rows WordPress keeps in its posts table that no reader ever comments on.
const INTERNAL_TYPES = new Set([
  "nav_menu_item",
  "revision",
  "custom_css",
  "customize_changeset",
  "oembed_cache",
  "user_request",
  "wp_block",
  "wp_template",
  "wp_template_part",
  "wp_global_styles",
  "wp_navigation",
  "wp_font_family",
  "wp_font_face",
]);

export interface WordPressOptions {
  /** Import pingbacks and trackbacks as comments (skipped by default). */
  pingbacks?: boolean;
  /**
   * The query parameters that tell posts apart (`"p,page_id"`): a post's id is its path and
   * the first of them its link holds (`/?p=123`), as the widget derives it with
   * `data-page-id-param`. Without it, plain permalinks at the site's root are recognised.
   */
  pageIdParam?: string;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

type Fields = Record<string, string>;

/**
 * What a blog's ids are namespaced by: its address without scheme or trailing slash
 * (`https://Carnet.example/blog/` → `carnet.example/blog`), so that moving to https
 * does not make it another blog, while two blogs of one multisite host stay apart.
 */
export function blogNamespace(url: string): string | null {
  try {
    const u = new URL(url.trim());
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    return `${u.host}${u.pathname.replace(/\/+$/, "")}`.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Why the comments of a post that readers cannot see are held for moderation rather than
 * published: a password-protected post shows its comments only to those who have the
 * password, a private one only to its editors.
 */
function heldBecause(f: Fields): HoldReason | null {
  if ((f.post_password ?? "").trim() !== "") return "password_protected";
  return (f.status ?? "").trim() === "private" ? "private_post" : null;
}

/**
 * What a `comment_type` is to the import: a comment (empty, "comment", or WooCommerce's
 * "review"), a ping ("pingback", "trackback": skipped unless asked for), or anything else
 * (notes and the like a plugin stores as comments: never imported).
 */
function kind(type: string): "comment" | "ping" | "other" {
  if (type === "" || type === "comment" || type === "review") return "comment";
  return type === "pingback" || type === "trackback" ? "ping" : "other";
}

function statusOf(approved: string): SourceStatus | null {
  switch (approved.trim()) {
    case "1":
    case "approve":
      return "approved";
    case "0":
    case "hold":
      return "pending";
    case "spam":
      return "spam";
    case "trash":
    case "post-trashed":
      return "trash";
    default:
      return null;
  }
}

/**
 * Parses a WXR file, calling `onItem` with each published post or page and its comments
 * in insertion order. Rejects with an ImportError on malformed XML or a file that is not WXR.
 *
 * @example
 * await parseWordPress("site.wordpress.xml", report, (page, comments) => spool(page, comments));
 */
export async function parseWordPress(
  file: string,
  report: ImportReport,
  onItem: (page: ParsedPage, comments: OrderedComment[]) => void,
  options: WordPressOptions = {},
): Promise<void> {
  const stack: string[] = [];
  const authorIds = new Set<string>();
  const authorEmails = new Set<string>();
  let plainPermalinkWarned = false;
  // The blog's fields from the channel, and the namespace of its ids (null: ids as they are).
  const blog: Fields = {};
  let namespace: string | null | undefined;
  const scoped = (id: string) => {
    if (namespace === undefined) {
      const url = BLOG_FIELDS.map((k) => blog[k]).find((v) => v?.trim());
      namespace = url ? blogNamespace(url) : null;
    }
    return namespace === null ? id : `${namespace}#${id}`;
  };

  let author: Fields | null = null;
  let item: Fields | null = null;
  let itemLine = 0;
  let comments: { fields: Fields; line: number }[] = [];
  let comment: Fields | null = null;
  let commentLine = 0;
  let field: string | null = null;
  let fieldDepth = 0;
  let buf = "";
  let over = false;

  const finishItem = () => {
    const f = item!;
    const rawComments = comments;
    item = null;
    comments = [];
    const type = (f.post_type ?? "post").trim();
    const status = (f.status ?? "publish").trim();
    if (INTERNAL_TYPES.has(type)) return;
    const held = heldBecause(f);
    if (status !== "publish" && status !== "inherit" && held === null) {
      report.skip("unpublished_post", rawComments.length);
      return;
    }
    // Attachments ("inherit") have pages of their own, but only matter with comments; so do
    // posts that readers cannot see.
    if ((type === "attachment" || held !== null) && rawComments.length === 0) return;

    const link = (f.link ?? "").trim();
    let path = pageIdFromUrl(link);
    if (path !== null && options.pageIdParam) {
      const id = path + pageIdQuery(new URL(link).searchParams, options.pageIdParam);
      path = id.length <= LIMITS.pageIdMax ? id : null;
    } else if (path !== null) {
      const url = new URL(link);
      const plain = url.searchParams.get("p") ?? url.searchParams.get("page_id");
      if ((path === "/" || path === "/index.php") && plain && /^\d+$/.test(plain)) {
        path = `/?${url.searchParams.has("p") ? "p" : "page_id"}=${plain}`;
        if (!plainPermalinkWarned) {
          plainPermalinkWarned = true;
          report.warn(
            itemLine,
            `this site uses plain permalinks (${link}): pages get ids like "${path}"; add data-page-id-param="p,page_id" to the script tag`,
          );
        }
      }
    }
    if (path === null) {
      report.skip("page_without_link", rawComments.length);
      report.warn(
        itemLine,
        `post ${f.post_id ?? "?"} has no usable <link> ("${link}"); its comments are skipped`,
      );
      return;
    }
    const page: ParsedPage = {
      path,
      title: oneLine(f.title ?? "", LIMITS.pageTitleMax) || null,
      url: link.length <= LIMITS.pageUrlMax ? link : null,
      locked: (f.comment_status ?? "").trim() === "closed",
      sourceId: scoped((f.post_id ?? "").trim() || link),
      createdAt: wpDateToIso(f.post_date_gmt ?? ""),
    };

    const parsed: ParsedComment[] = [];
    // Comments of this post left out on purpose: a reply to one becomes a top-level comment.
    const left = new Map<string, string>();
    for (const { fields: c } of rawComments) {
      const type = (c.comment_type ?? "").trim();
      const k = kind(type);
      if (k === "comment" || (k === "ping" && options.pingbacks)) continue;
      left.set((c.comment_id ?? "").trim(), k === "ping" ? type : `a "${type}"`);
    }
    rawComments.forEach(({ fields: c, line }, index) => {
      const type = (c.comment_type ?? "").trim();
      const k = kind(type);
      if (k === "ping" && !options.pingbacks) {
        report.skip(type as "pingback" | "trackback");
        return;
      }
      if (k === "other") {
        report.skip("not_a_comment");
        return;
      }
      const id = (c.comment_id ?? "").trim() || `${(f.post_id ?? "").trim() || link}#${index + 1}`;
      if (c.__over) {
        report.skip("too_large");
        report.warn(line, `comment ${id} is longer than ${MAX_FIELD} characters; skipped`);
        return;
      }
      let status = statusOf(c.comment_approved ?? "");
      if (status === null) {
        report.warn(line, `comment ${id}: unknown status "${c.comment_approved ?? ""}"; imported as pending`);
        status = "pending";
      }
      if (held && (status === "approved" || status === "pending")) {
        status = "pending";
        report.hold(held);
      }
      let createdAt = wpDateToIso(c.comment_date_gmt ?? "");
      if (createdAt === null) {
        createdAt = wpDateToIso(c.comment_date ?? "");
        if (createdAt === null) {
          report.skip("invalid_date");
          report.warn(line, `comment ${id} has no readable date; skipped`);
          return;
        }
        report.warn(line, `comment ${id} has no GMT date; its local date is taken as UTC`);
      }
      const mail = cleanEmail(c.comment_author_email ?? "");
      const userId = (c.comment_user_id ?? "0").trim();
      let parent = (c.comment_parent ?? "0").trim();
      const why = left.get(parent);
      if (why !== undefined) {
        report.warn(
          line,
          `comment ${id} answers ${parent}, which is ${why} and not imported; imported as a top-level comment`,
        );
        parent = "0";
      }
      parsed.push({
        sourceId: id,
        parentSourceId: parent === "" || parent === "0" ? null : parent,
        authorName: oneLine(c.comment_author ?? "", LIMITS.nameMax) || "Anonymous",
        authorEmail: mail,
        authorWebsite: httpUrl(c.comment_author_url ?? ""),
        isModerator:
          (userId !== "0" && userId !== "" && authorIds.has(userId)) ||
          (mail !== null && authorEmails.has(mail.toLowerCase())),
        body: (c.comment_content ?? "").trim(),
        bodyKind: "wordpress",
        status,
        createdAt,
        line,
        ...(held ? { reasons: [held] } : {}),
      });
    });
    const ordered = orderThread(parsed, report);
    for (const c of ordered) {
      c.sourceId = scoped(c.sourceId);
      if (c.parentSourceId !== null) c.parentSourceId = scoped(c.parentSourceId);
    }
    onItem(page, ordered);
  };

  await parseXmlFile(
    file,
    {
      open(name, _attrs, line) {
        stack.push(name);
        const depth = stack.length;
        if (depth === 1 && name !== "rss") {
          throw new ImportError(
            name === "disqus"
              ? `${file} is a Disqus export: use \`causette import disqus\``
              : `${file} is not a WordPress export (WXR): its root element is <${name}>, not <rss>`,
          );
        }
        if (field !== null) return;
        if (depth === 3 && stack[1] === "channel") {
          if (name === "item") {
            item = {};
            itemLine = line;
          } else if (name === "author") author = {};
          else if (BLOG_FIELDS.includes(name)) {
            field = name;
            fieldDepth = depth;
            buf = "";
            over = false;
          }
          return;
        }
        const want =
          (depth === 4 && item && (ITEM_FIELDS.has(name) || name === "comment")) ||
          (depth === 4 && author && AUTHOR_FIELDS.has(name)) ||
          (depth === 5 && comment && COMMENT_FIELDS.has(name));
        if (!want) return;
        if (depth === 4 && item && name === "comment") {
          comment = {};
          commentLine = line;
          return;
        }
        field = name;
        fieldDepth = depth;
        buf = "";
        over = false;
      },
      text(text) {
        if (field === null) return;
        if (buf.length + text.length > MAX_FIELD) over = true;
        else buf += text;
      },
      close(name) {
        const depth = stack.length;
        stack.pop();
        if (field !== null) {
          if (depth !== fieldDepth) return;
          const target = comment ?? author ?? item ?? (depth === 3 ? blog : null);
          if (target) {
            target[field] = buf;
            if (over) target.__over = "1";
          }
          field = null;
          buf = "";
          return;
        }
        if (depth === 4 && comment && name === "comment") {
          comments.push({ fields: comment, line: commentLine });
          comment = null;
        } else if (depth === 3 && item && name === "item") finishItem();
        else if (depth === 3 && author && name === "author") {
          const a = author as Fields;
          if (a.author_id?.trim()) authorIds.add(a.author_id.trim());
          const mail = cleanEmail(a.author_email ?? "");
          if (mail) authorEmails.add(mail.toLowerCase());
          author = null;
        }
      },
    },
    options.onProgress,
  );
}
