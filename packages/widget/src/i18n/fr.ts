/**
 * French strings, loaded only for French pages (its own chunk, `fr.js`). French puts a
 * narrow no-break space (U+202F) before `: ; ! ?`; written here as `\u202f`.
 */
import type { Strings } from "./en.js";

/** French wants a narrow no-break space before `: ; ! ?` — also in strings a site overrides. */
export const frenchSpaces = (s: string): string => s.replace(/[ \u00a0\u202f]?([:;!?])(?=\s|$)/g, "\u202f$1");

export const fr: Strings = {
  none: "Aucun commentaire pour l’instant",
  count_one: "{n} commentaire",
  count_other: "{n} commentaires",
  sort: "Trier",
  oldest: "Plus anciens",
  newest: "Plus récents",
  top: "Mieux notés",
  comment: "Commentaire",
  hint: "Markdown\u202f: **gras**, *italique*, `code`, [lien](https://…)",
  name: "Nom",
  email: "E-mail",
  emailHint: "facultatif, jamais affiché",
  website: "Site web",
  optional: "facultatif",
  remember: "Se souvenir de moi",
  post: "Publier",
  save: "Enregistrer",
  cancel: "Annuler",
  reply: "Répondre",
  edit: "Modifier",
  del: "Supprimer",
  confirmDel: "Supprimer ce commentaire\u202f?",
  like: "J’aime",
  dislike: "Je n’aime pas",
  more: "Afficher plus de commentaires",
  loading: "Chargement des commentaires…",
  retry: "Réessayer",
  pending: "En attente de modération",
  deleted: "Commentaire supprimé",
  edited: "modifié",
  replyTo: "en réponse à {name}",
  mod: "Auteur",
  left: "encore {t} min pour modifier",
  posted: "Commentaire publié",
  held: "Commentaire envoyé\u202f; il paraîtra une fois approuvé",
  saved: "Commentaire modifié",
  removed: "Commentaire supprimé",
  closed: "Les commentaires sont fermés sur cette page.",
  eRequired: "Veuillez remplir ce champ.",
  eLong: "Trop long\u202f: {n} caractères au plus.",
  eEmail: "Indiquez une adresse e-mail valide, ou laissez le champ vide.",
  eNet: "Le serveur des commentaires est injoignable. Votre texte est conservé\u202f: réessayez.",
  eOrigin: "Ce site n’a pas le droit de publier sur ce serveur de commentaires.",
  eRate: "Trop de messages en peu de temps. Réessayez {t}.",
  eWindow: "Le délai pour modifier ce commentaire est passé.",
  eDup: "Vous avez déjà publié ce commentaire.",
  eLoad: "Les commentaires n’ont pas pu être chargés.",
  eOther: "Une erreur est survenue ({code}). Votre texte est conservé\u202f: réessayez.",
};
