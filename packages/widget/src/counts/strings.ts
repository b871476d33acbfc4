/** The comment counts' strings, `[English, French]`, as loaderI18n's `more` wants them. */
export const COUNT_STRINGS = [
  {
    comments_zero: "No comments… add one",
    comments_one: "{n} comment… add one",
    comments_other: "{n} comments… add one",
  },
  {
    comments_zero: "Aucun commentaire… ajoute le tien",
    comments_one: "{n} commentaire… ajoute le tien",
    comments_other: "{n} commentaires… ajoute le tien",
  },
];
