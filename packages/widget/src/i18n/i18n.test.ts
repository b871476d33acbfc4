import { describe, expect, it } from "vitest";
import { en } from "./en.js";
import { fr, frenchSpaces } from "./fr.js";
import { createI18n, loadI18n, pickLocale } from "./index.js";

const DAY = 86_400_000;

describe("i18n", () => {
  it("counts with Intl.PluralRules in English and French", () => {
    const e = createI18n("en", en);
    const f = createI18n("fr", fr, frenchSpaces);
    expect([0, 1, 2, 15].map(e.count)).toEqual(["No comments yet", "1 comment", "2 comments", "15 comments"]);
    expect([0, 1, 2, 15].map(f.count)).toEqual([
      "Aucun commentaire pour l’instant",
      "1 commentaire",
      "2 commentaires",
      "15 commentaires",
    ]);
  });

  it("says relative times with Intl.RelativeTimeFormat", () => {
    const now = Date.UTC(2026, 0, 10);
    const f = createI18n("fr", fr, frenchSpaces);
    const e = createI18n("en", en);
    expect(f.ago(now - 3 * DAY, now)).toBe("il y a 3 jours");
    expect(e.ago(now - 3 * DAY, now)).toBe("3 days ago");
    expect(e.ago(now - DAY, now)).toBe("yesterday");
    expect(e.ago(now - 10_000, now)).toBe("now");
    expect(e.ago(now - 2 * 3_600_000, now)).toBe("2 hours ago");
    expect(e.ago(now + 30_000, now)).toBe("in 30 seconds");
    expect(e.ago(now - 6 * DAY, now)).toBe("6 days ago");
  });

  it("says the date of what is a week old or more", () => {
    const now = Date.UTC(2026, 0, 10, 12);
    expect(createI18n("fr", fr, frenchSpaces).ago(now - 400 * DAY, now)).toBe("6 décembre 2024");
    expect(createI18n("en", en).ago(now - 7 * DAY, now)).toBe("January 3, 2026");
    expect(createI18n("en-GB", en).ago(Date.UTC(2012, 2, 14, 12), now)).toBe("14 March 2012");
  });

  it("puts a narrow no-break space before : ; ! ? in French, overrides included", async () => {
    expect(frenchSpaces("Attention ! Vraiment ? Oui : non ; fin")).toBe(
      "Attention\u202f! Vraiment\u202f? Oui\u202f: non\u202f; fin",
    );
    expect(frenchSpaces("http://x.fr")).toBe("http://x.fr");
    const f = await loadI18n("fr-CA", { post: "Envoyer !" });
    expect(f.t("post")).toBe("Envoyer\u202f!");
    expect(f.t("confirmDel")).toBe("Supprimer ce commentaire\u202f?");
    expect(f.lang).toBe("fr-CA");
  });

  it("falls back to English for other languages, and lets every string be overridden", async () => {
    const de = await loadI18n("de", { reply: "Antworten" });
    expect(de.t("reply")).toBe("Antworten");
    expect(de.t("post")).toBe("Post comment");
    expect(de.t("replyTo", { name: "Ann" })).toBe("in reply to Ann");
  });

  it("has every English key in French", () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });
});

describe("pickLocale", () => {
  it("takes the option, else <html lang>, and English for a tag Intl refuses", async () => {
    document.documentElement.lang = "fr-CA";
    expect(pickLocale()).toBe("fr-CA");
    expect(pickLocale("en")).toBe("en");
    for (const bad of ["fr-", "en_US"]) {
      document.documentElement.lang = bad;
      expect(pickLocale()).toBe("en");
      // The formatters can be made with what it picks (they threw on the tag itself).
      await expect(loadI18n(pickLocale())).resolves.toMatchObject({ lang: "en" });
    }
    document.documentElement.lang = "";
    expect(pickLocale()).toBe("en");
  });
});
