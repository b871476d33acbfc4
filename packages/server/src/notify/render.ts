/**
 * @module notify/render
 * The e-mails' words (en, fr), their HTML and plain-text parts, and the server's small mail
 * pages. Everything that comes from a reader is hostile: names and titles are escaped (HTML)
 * and stripped of line breaks and control characters (headers); a comment's text enters the
 * HTML part only as the sanitized HTML the server stored; links go only to the site's pages
 * (a page URL the server checked against the allowed origins) and to the server itself.
 */
import type { MailLang } from "./settings.js";

/** Escapes text for HTML (element content and quoted attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** One line for a header or a subject: no CR, LF, other controls or line separators; bounded. */
export function oneLine(text: string, max = 120): string {
  const flat = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : flat;
}

/** The sanitized comment HTML as plain text (the text part). */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|li|blockquote|pre|h\d)>/gi, "\n\n")
    .replace(/<li>/gi, "- ")
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * The stored (sanitized) comment HTML without its links: an e-mail links only to the site's
 * pages and the server, never where a reader's text points (the words stay). The sanitizer's
 * output escapes `>` inside attribute values, so a tag ends at the first `>`.
 */
export function unlinked(html: string): string {
  return html.replace(/<a\b[^>]*>/gi, "").replace(/<\/a\s*>/gi, "");
}

/** A URL for a link: only http(s), else null. */
export function safeUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

const WORDS = {
  en: {
    confirmSubject: "Confirm your e-mail for comment notifications",
    confirmIntro: "Someone (we hope you) asked to receive e-mails about comments on {site} at this address.",
    confirmAction: "Confirm my address",
    confirmIgnore: "If it was not you, ignore this e-mail: nothing else will be sent to you.",
    replySubject: "{name} replied on “{title}”",
    repliesSubject: "{n} new comments on “{title}”",
    replyLead: "{name} replied to your comment:",
    pageLead: "{name} commented on “{title}”:",
    read: "Read it on the page",
    whyReply: "You receive this e-mail because you asked to be told of replies on {site}.",
    manage: "Manage my e-mail notifications",
    unsubscribe: "Unsubscribe from everything",
    ownerSubject: "New comment by {name} on “{title}”",
    ownerSubjectHeld: "Held for moderation: {name} on “{title}”",
    ownerLead: "{name} commented on “{title}”:",
    ownerHeld: "This comment is held for moderation: {reasons}.",
    ownerPublished: "This comment is published.",
    approve: "Approve",
    spam: "Spam",
    delete: "Delete",
    ownerExpires: "These buttons work until {date}; each opens a page that asks you to confirm.",
    ownerWhy: "You receive this alert because {email} is this comment server's owner address.",
    ownerManage: "Manage my alerts",
    ownerStop: "Stop these alerts",
    untitled: "a page",
    // The server's pages.
    confirmPageTitle: "Confirm your e-mail",
    confirmPageText: "Press the button to receive the e-mails you asked for at {email}.",
    confirmedText: "Thank you: {email} is confirmed. You will receive the e-mails you asked for.",
    managePageTitle: "Your e-mail notifications",
    manageNone: "{email} receives no e-mail from this site.",
    manageComment: "Replies to your comment on “{title}”",
    managePage: "Every new comment on “{title}”",
    stop: "Stop",
    stopAll: "Stop every e-mail from this site",
    stoppedAll: "Done: {email} will receive no more e-mails from this site.",
    stopped: "Done: you will no longer receive these e-mails.",
    unsubscribePageText: "Press the button to stop every e-mail from this site to {email}.",
    badLink: "This link is not valid, or it has expired.",
    moderatePageTitle: "Moderate a comment",
    moderateConfirm: "{action} this comment by {name}?",
    moderated: "Done: the comment is now {status}.",
    ownerPageTitle: "Your comment alerts",
    ownerOnAll: "{email} receives an e-mail for each new comment.",
    ownerOnPending: "{email} receives an e-mail for each comment held for moderation.",
    ownerOff: "{email} receives no alerts: they were turned off.",
    ownerStopButton: "Stop my alerts",
    ownerResumeButton: "Turn my alerts back on",
    ownerUnsubscribeText: "Press the button to stop the alerts of new comments to {email}.",
    ownerStopped: "Done: {email} will receive no more alerts. The page of your alerts turns them back on.",
    ownerResumed: "Done: {email} receives alerts again.",
  },
  fr: {
    confirmSubject: "Confirmez votre adresse pour les notifications de commentaires",
    confirmIntro:
      "Quelqu’un (vous, espérons-le) a demandé à recevoir à cette adresse des e-mails sur les commentaires de {site}.",
    confirmAction: "Confirmer mon adresse",
    confirmIgnore: "Si ce n’était pas vous, ignorez cet e-mail : rien d’autre ne vous sera envoyé.",
    replySubject: "{name} a répondu sur « {title} »",
    repliesSubject: "{n} nouveaux commentaires sur « {title} »",
    replyLead: "{name} a répondu à votre commentaire :",
    pageLead: "{name} a commenté « {title} » :",
    read: "Le lire sur la page",
    whyReply: "Vous recevez cet e-mail parce que vous avez demandé à être prévenu des réponses sur {site}.",
    manage: "Gérer mes notifications par e-mail",
    unsubscribe: "Me désabonner de tout",
    ownerSubject: "Nouveau commentaire de {name} sur « {title} »",
    ownerSubjectHeld: "En attente de modération : {name} sur « {title} »",
    ownerLead: "{name} a commenté « {title} » :",
    ownerHeld: "Ce commentaire attend votre modération : {reasons}.",
    ownerPublished: "Ce commentaire est publié.",
    approve: "Approuver",
    spam: "Spam",
    delete: "Supprimer",
    ownerExpires:
      "Ces boutons fonctionnent jusqu’au {date} ; chacun ouvre une page qui vous demande de confirmer.",
    ownerWhy:
      "Vous recevez cette alerte parce que {email} est l’adresse du propriétaire de ce serveur de commentaires.",
    ownerManage: "Gérer mes alertes",
    ownerStop: "Arrêter ces alertes",
    untitled: "une page",
    confirmPageTitle: "Confirmez votre adresse",
    confirmPageText: "Appuyez sur le bouton pour recevoir à {email} les e-mails demandés.",
    confirmedText: "Merci : {email} est confirmée. Vous recevrez les e-mails demandés.",
    managePageTitle: "Vos notifications par e-mail",
    manageNone: "{email} ne reçoit aucun e-mail de ce site.",
    manageComment: "Réponses à votre commentaire sur « {title} »",
    managePage: "Chaque nouveau commentaire sur « {title} »",
    stop: "Arrêter",
    stopAll: "Arrêter tous les e-mails de ce site",
    stoppedAll: "C’est fait : {email} ne recevra plus d’e-mail de ce site.",
    stopped: "C’est fait : vous ne recevrez plus ces e-mails.",
    unsubscribePageText: "Appuyez sur le bouton pour arrêter tous les e-mails de ce site à {email}.",
    badLink: "Ce lien n’est pas valable, ou il a expiré.",
    moderatePageTitle: "Modérer un commentaire",
    moderateConfirm: "{action} ce commentaire de {name} ?",
    moderated: "C’est fait : le commentaire est maintenant {status}.",
    ownerPageTitle: "Vos alertes de commentaires",
    ownerOnAll: "{email} reçoit un e-mail pour chaque nouveau commentaire.",
    ownerOnPending: "{email} reçoit un e-mail pour chaque commentaire en attente de modération.",
    ownerOff: "{email} ne reçoit aucune alerte : elles ont été arrêtées.",
    ownerStopButton: "Arrêter mes alertes",
    ownerResumeButton: "Reprendre mes alertes",
    ownerUnsubscribeText:
      "Appuyez sur le bouton pour arrêter les alertes de nouveaux commentaires à {email}.",
    ownerStopped:
      "C’est fait : {email} ne recevra plus d’alerte. La page de vos alertes permet de les reprendre.",
    ownerResumed: "C’est fait : {email} reçoit de nouveau les alertes.",
  },
} as const;

export type WordKey = keyof (typeof WORDS)["en"];

/** The text `key` in `lang`, `{name}` placeholders filled (values as given: escape for HTML). */
export function t(lang: MailLang, key: WordKey, vars: Record<string, string | number> = {}): string {
  return WORDS[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** HTML version of `t`: the words are ours, the values are escaped. */
function th(lang: MailLang, key: WordKey, vars: Record<string, string | number> = {}): string {
  const escaped: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) escaped[k] = escapeHtml(String(v));
  return t(lang, key, escaped);
}

export interface Rendered {
  subject: string;
  html: string;
  text: string;
}

/** The frame every e-mail shares: light and dark, a footer with the links. */
function frame(lang: MailLang, body: string, footer: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">
<style>
body{margin:0;padding:24px;background:#f6f6f4;color:#1d1d1b;font:16px/1.5 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
.card{max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px}
.comment{border-left:3px solid #c9c9c4;padding:4px 0 4px 14px;margin:12px 0 16px}
.comment p{margin:0 0 8px}
a{color:#0b57d0}
.button{display:inline-block;padding:10px 18px;border-radius:6px;background:#0b57d0;color:#fff!important;text-decoration:none;margin:4px 8px 4px 0}
.button.secondary{background:#5f6368}
.foot{max-width:560px;margin:16px auto 0;color:#5f6368;font-size:13px}
@media (prefers-color-scheme: dark){
body{background:#121212;color:#e8e8e6}.card{background:#1f1f1f}.comment{border-color:#555}
a{color:#8ab4f8}.button{background:#8ab4f8;color:#0b1a33!important}.foot{color:#a0a0a0}}
</style></head>
<body><div class="card">${body}</div><div class="foot">${footer}</div></body></html>`;
}

function link(href: string, label: string, cls = ""): string {
  return `<a${cls ? ` class="${cls}"` : ""} href="${escapeHtml(href)}">${label}</a>`;
}

export interface MailLinks {
  manage: string;
  unsubscribe: string;
}

function footer(lang: MailLang, site: string, links: MailLinks): { html: string; text: string } {
  return {
    html: `<p>${th(lang, "whyReply", { site })}</p><p>${link(links.manage, th(lang, "manage"))} · ${link(links.unsubscribe, th(lang, "unsubscribe"))}</p>`,
    text: `${t(lang, "whyReply", { site })}\n${t(lang, "manage")}: ${links.manage}\n${t(lang, "unsubscribe")}: ${links.unsubscribe}`,
  };
}

export function confirmMail(lang: MailLang, site: string, confirmUrl: string, links: MailLinks): Rendered {
  const siteName = oneLine(site, 80);
  const html = frame(
    lang,
    `<p>${th(lang, "confirmIntro", { site: siteName })}</p><p>${link(confirmUrl, th(lang, "confirmAction"), "button")}</p><p>${th(lang, "confirmIgnore")}</p>`,
    `<p>${link(links.unsubscribe, th(lang, "unsubscribe"))}</p>`,
  );
  const text = `${t(lang, "confirmIntro", { site: siteName })}\n\n${t(lang, "confirmAction")}: ${confirmUrl}\n\n${t(lang, "confirmIgnore")}\n\n${t(lang, "unsubscribe")}: ${links.unsubscribe}\n`;
  return { subject: t(lang, "confirmSubject"), html, text };
}

/** One comment an e-mail tells of. */
export interface MailComment {
  id: string;
  authorName: string;
  /** The sanitized HTML the server stored. */
  html: string;
  pageTitle: string | null;
  /** The page's URL as stored (checked against the allowed origins), or null. */
  pageUrl: string | null;
  /** "comment": a reply to the reader's comment; "page": a new comment on a followed page. */
  why: "comment" | "page";
}

function commentLink(c: MailComment): string | null {
  const url = safeUrl(c.pageUrl);
  if (!url) return null;
  const u = new URL(url);
  u.hash = `comment-${c.id}`;
  return u.toString();
}

export function replyMail(
  lang: MailLang,
  site: string,
  comments: readonly MailComment[],
  links: MailLinks,
): Rendered {
  const first = comments[0]!;
  const title = (c: MailComment) => oneLine(c.pageTitle ?? "", 100) || t(lang, "untitled");
  const subject =
    comments.length === 1
      ? t(lang, "replySubject", { name: oneLine(first.authorName, 60), title: title(first) })
      : t(lang, "repliesSubject", { n: comments.length, title: title(first) });
  const htmlParts: string[] = [];
  const textParts: string[] = [];
  for (const c of comments) {
    const vars = { name: oneLine(c.authorName, 80), title: title(c) };
    const lead = c.why === "comment" ? "replyLead" : "pageLead";
    const href = commentLink(c);
    htmlParts.push(
      `<p>${th(lang, lead, vars)}</p><div class="comment">${unlinked(c.html)}</div>${href ? `<p>${link(href, th(lang, "read"))}</p>` : ""}`,
    );
    textParts.push(
      `${t(lang, lead, vars)}\n\n${htmlToText(c.html)}${href ? `\n\n${t(lang, "read")}: ${href}` : ""}`,
    );
  }
  const foot = footer(lang, oneLine(site, 80), links);
  return {
    subject: oneLine(subject, 150),
    html: frame(lang, htmlParts.join("<hr>"), foot.html),
    text: `${textParts.join("\n\n----\n\n")}\n\n-- \n${foot.text}\n`,
  };
}

export interface OwnerActions {
  approve: string;
  spam: string;
  delete: string;
  expires: string;
  /** The owner's address, and the pages that manage and stop their alerts. */
  owner: string;
  manage: string;
  unsubscribe: string;
}

export function ownerMail(
  lang: MailLang,
  comment: MailComment & { status: string; reasons: string[] },
  actions: OwnerActions,
): Rendered {
  const title = oneLine(comment.pageTitle ?? "", 100) || t(lang, "untitled");
  const name = oneLine(comment.authorName, 80);
  const held = comment.status === "pending";
  const reasons = comment.reasons.map((r) => oneLine(r, 40)).join(", ");
  const state = held ? t(lang, "ownerHeld", { reasons }) : t(lang, "ownerPublished");
  const href = commentLink(comment);
  const buttons = [
    held ? link(actions.approve, th(lang, "approve"), "button") : "",
    link(actions.spam, th(lang, "spam"), "button secondary"),
    link(actions.delete, th(lang, "delete"), "button secondary"),
  ].join("");
  const html = frame(
    lang,
    `<p>${th(lang, "ownerLead", { name, title })}</p><div class="comment">${unlinked(comment.html)}</div><p>${escapeHtml(state)}</p>${href ? `<p>${link(href, th(lang, "read"))}</p>` : ""}<p>${buttons}</p>`,
    `<p>${th(lang, "ownerExpires", { date: actions.expires })}</p><p>${th(lang, "ownerWhy", { email: actions.owner })}</p><p>${link(actions.manage, th(lang, "ownerManage"))} · ${link(actions.unsubscribe, th(lang, "ownerStop"))}</p>`,
  );
  const text = [
    t(lang, "ownerLead", { name, title }),
    htmlToText(comment.html),
    state,
    href ? `${t(lang, "read")}: ${href}` : "",
    held ? `${t(lang, "approve")}: ${actions.approve}` : "",
    `${t(lang, "spam")}: ${actions.spam}`,
    `${t(lang, "delete")}: ${actions.delete}`,
    t(lang, "ownerExpires", { date: actions.expires }),
    `-- \n${t(lang, "ownerWhy", { email: actions.owner })}\n${t(lang, "ownerManage")}: ${actions.manage}\n${t(lang, "ownerStop")}: ${actions.unsubscribe}`,
  ]
    .filter(Boolean)
    .join("\n\n");
  return {
    subject: oneLine(
      t(lang, held ? "ownerSubjectHeld" : "ownerSubject", { name: oneLine(name, 60), title }),
      150,
    ),
    html,
    text: `${text}\n`,
  };
}

/** A page the server serves under /mail/: a heading, paragraphs, and forms that POST to itself. */
export function mailPage(lang: MailLang, title: string, bodyHtml: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1d1d1b;background:#fff}
button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #0b57d0;background:#0b57d0;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b57d0}
li{margin:.5rem 0}form{display:inline}
@media (prefers-color-scheme: dark){body{background:#121212;color:#e8e8e6}button.secondary{background:#121212;color:#8ab4f8}}
</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${bodyHtml}</main></body></html>`;
}

/** A form posting `fields` to `action` (same origin), with one button. */
export function postForm(
  action: string,
  fields: Record<string, string>,
  label: string,
  secondary = false,
): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join("");
  return `<form method="post" action="${escapeHtml(action)}">${inputs}<button type="submit"${secondary ? ' class="secondary"' : ""}>${escapeHtml(label)}</button></form>`;
}
