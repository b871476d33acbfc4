#!/usr/bin/env node
// The reply e-mail as readers see it, rendered by the server's own code (packages/server/dist
// notify/render.js) in Chromium, light and dark: docs/images/mail-reply-{light,dark}.png.
// Usage: pnpm build && node scripts/mail-screenshots.mjs
import { join } from "node:path";
import { ROOT } from "./built-server.mjs";
import { launchChromium } from "./ensure-chromium.mjs";

const { replyMail } = await import(join(ROOT, "packages/server/dist/notify/render.js"));
const mail = replyMail(
  "en",
  "Carnets de Léa",
  [
    {
      id: "Jm3kq0Zb8c1vX2aP",
      authorName: "Léa Moreau",
      html: "<p>Thank you, Ana! You are right about the <em>morning pages</em>: I stopped planning them and kept only the habit.</p><p>I wrote more about it last spring.</p>",
      pageTitle: "Arrêter de s'organiser",
      pageUrl: "https://blog.example/2016/08/arreter-de-s-organiser/",
      why: "comment",
    },
  ],
  {
    manage: "https://comments.blog.example/mail/manage?a=ID&t=TOKEN",
    unsubscribe: "https://comments.blog.example/mail/unsubscribe?a=ID&t=TOKEN",
  },
);
const browser = await launchChromium();
try {
  for (const scheme of ["light", "dark"]) {
    const page = await browser.newPage({ viewport: { width: 640, height: 520 }, colorScheme: scheme });
    await page.setContent(mail.html);
    const out = join(ROOT, "docs/images", `mail-reply-${scheme}.png`);
    await page.screenshot({ path: out, fullPage: true });
    console.log(`${out} (subject: ${mail.subject})`);
    await page.close();
  }
} finally {
  await browser.close();
}
