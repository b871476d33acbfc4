import type { DemoPage } from "./types.js";

/**
 * The French example post's discussion: 17 comments, threads up to three levels deep, the
 * author (Selma, a moderator) answering her readers. Written for the demo; every name is
 * invented.
 */
export const FRENCH_POST: DemoPage = {
  id: "/fr/publier-moins-repondre-plus/",
  title: "Publier moins, répondre plus",
  shares: { x: 24, facebook: 17, linkedin: 9, pinterest: 6, bluesky: 3, mastodon: 2 },
  comments: [
    {
      key: "maelle",
      name: "Maëlle",
      website: "https://example.com/maelle-ceramique",
      at: "2025-09-15T07:42:00Z",
      votes: 6,
      body: `Bonjour Selma,

Ton article tombe pile au bon moment. Je publie tous les lundis depuis deux ans (des articles sur mes ateliers de céramique), et je me rends compte que je les écris le dimanche soir, fatiguée, juste pour « tenir le rythme ».

Le pire, c’est que les deux articles qui ont eu le plus de réponses sont ceux que j’ai écrits sur un coup de tête, parce qu’une cliente m’avait demandé comment on choisit une terre pour débuter.

Je crois que je vais essayer ton carnet. Merci !`,
    },
    {
      key: "maelle-selma",
      parent: "maelle",
      name: "Selma",
      moderator: true,
      at: "2025-09-15T10:05:00Z",
      votes: 3,
      body: `Merci Maëlle ! Ce que tu décris est exactement le signal à écouter : l’article « sur un coup de tête » répondait à une vraie question, posée par une vraie personne.

Une idée pour démarrer : note dans ton carnet chaque question qu’on te pose pendant tes ateliers, même celles qui te paraissent évidentes. Ce sont souvent les meilleures.`,
    },
    {
      key: "maelle-selma-maelle",
      parent: "maelle-selma",
      name: "Maëlle",
      website: "https://example.com/maelle-ceramique",
      at: "2025-09-16T18:30:00Z",
      body: "C’est noté ! J’en ai déjà cinq après l’atelier de ce matin, dont « est-ce qu’on peut mettre une tasse au lave-vaisselle ? ». Je crois tenir mon prochain article 😄",
    },
    {
      key: "jonas",
      name: "Jonas",
      at: "2025-09-15T12:17:00Z",
      votes: 2,
      body: `Je suis partagé. Tout le monde répète que Google adore la régularité. Si je passe à un article par semaine, est-ce que je ne vais pas perdre le peu de visibilité que j’ai gagné ?

Je suis photographe, et mon blog m’apporte environ un tiers de mes demandes de devis.`,
    },
    {
      key: "jonas-selma",
      parent: "jonas",
      name: "Selma",
      moderator: true,
      at: "2025-09-15T14:48:00Z",
      votes: 4,
      body: `C’est la crainte que j’avais aussi, Jonas. De mon côté, le trafic a baissé les deux premiers mois, puis il est revenu, et les visiteurs restent plus longtemps.

Ce qui compte pour toi, ce n’est pas le nombre de visites mais le nombre de **demandes de devis**. Compte-les sur trois mois avant et après : c’est le seul chiffre qui te dira si ça marche.`,
    },
    {
      key: "jonas-selma-karim",
      parent: "jonas-selma",
      name: "Karim",
      website: "https://example.com/karim",
      at: "2025-09-16T08:02:00Z",
      votes: 5,
      body: "Je confirme côté référencement (c’est mon métier) : un article qui répond précisément à une question que les gens tapent vraiment vaut mieux que deux articles génériques. La fraîcheur compte un peu, la pertinence beaucoup plus.",
    },
    {
      key: "aurelie",
      name: "Aurélie",
      at: "2025-09-16T21:14:00Z",
      votes: 3,
      body: `J’ai fait l’exercice ce soir : relire les commentaires de mes deux dernières années. J’ai trouvé trois questions posées au moins quatre fois chacune, auxquelles je n’ai jamais vraiment répondu.

Je couds des vêtements sur mesure, et la question qui revient le plus est « combien de temps faut-il pour une robe ? ». Je répondais toujours « ça dépend »… Ça mérite un vrai article, en effet !`,
    },
    {
      key: "aurelie-selma",
      parent: "aurelie",
      name: "Selma",
      moderator: true,
      at: "2025-09-17T09:20:00Z",
      body: "Bravo pour l’exercice ! Et « ça dépend » est une excellente structure d’article : de quoi ça dépend, et comment la cliente peut le savoir à l’avance. Tu me mettras le lien quand il sera publié ?",
    },
    {
      key: "nadia",
      name: "Nadia",
      at: "2025-09-18T06:55:00Z",
      body: `Chez moi, personne ne commente sur le blog. Mes élèves de yoga m’écrivent en message privé sur Instagram, ou me posent leurs questions après le cours.

Est-ce que ça compte quand même ?`,
    },
    {
      key: "nadia-selma",
      parent: "nadia",
      name: "Selma",
      moderator: true,
      at: "2025-09-18T11:40:00Z",
      votes: 2,
      body: `Bien sûr que ça compte, Nadia ! Le carnet accueille toutes les questions, d’où qu’elles viennent.

Et une astuce : à la fin de ton prochain article, invite explicitement tes élèves à poser leur question *ici*, en dessous. Beaucoup n’osent pas être les premières à commenter.`,
    },
    {
      key: "nadia-selma-nadia",
      parent: "nadia-selma",
      name: "Nadia",
      at: "2025-09-20T19:12:00Z",
      body: "Je l’ai fait dans mon article sur la respiration : quatre commentaires en deux jours, alors que je n’en avais jamais eu un seul. Je n’en reviens pas.",
    },
    {
      key: "bastien",
      name: "Bastien",
      at: "2025-09-19T13:03:00Z",
      votes: 1,
      body: "Merci pour cet article, je l’ai imprimé pour le relire avec mon associée. On est en plein dans le piège du calendrier pour la boulangerie.",
    },
    {
      key: "clemence",
      name: "Clémence",
      website: "https://example.com/clemence-illustre",
      at: "2025-09-22T16:26:00Z",
      body: `Question pratique : tu dis répondre à chaque commentaire sous quarante-huit heures. Comment tu t’organises quand tu reçois beaucoup de messages d’un coup ? J’ai peur que ça me mange toutes mes journées.`,
    },
    {
      key: "clemence-selma",
      parent: "clemence",
      name: "Selma",
      moderator: true,
      at: "2025-09-23T08:15:00Z",
      votes: 3,
      body: `Deux créneaux de vingt minutes par jour, pas plus : un le matin avec le café, un en fin d’après-midi. En dehors, je ne regarde pas.

Et je ne cherche pas à écrire des romans : une réponse sincère de trois phrases vaut mieux qu’une réponse parfaite qui n’arrive jamais.`,
    },
    {
      key: "clemence-selma-ines",
      parent: "clemence-selma",
      name: "Inès",
      at: "2025-09-24T12:48:00Z",
      body: "Les deux créneaux, c’est ce qui m’a sauvée aussi. Avant, je répondais au fil de l’eau et j’avais l’impression de ne jamais finir ma journée.",
    },
    {
      key: "thierry",
      name: "Thierry",
      at: "2025-10-02T09:31:00Z",
      body: `Je ne suis pas tout à fait d’accord avec ta première citation. Certains de mes articles n’ont aucun commentaire, mais je sais qu’ils sont lus et qu’ils m’amènent des clients. Le silence n’est pas forcément un échec.`,
    },
    {
      key: "thierry-selma",
      parent: "thierry",
      name: "Selma",
      moderator: true,
      at: "2025-10-02T15:02:00Z",
      votes: 2,
      body: `Tu as raison de nuancer, Thierry : un article peut être utile sans déclencher de réponse, surtout s’il est très pratique.

Ce que je voulais dire, c’est qu’un blog *entier* sans réponse finit par tourner à vide. Merci d’avoir pris le temps de me contredire, c’est exactement le genre de conversation que j’espérais.`,
    },
  ],
};
