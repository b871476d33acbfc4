/** The share bar's strings (English, French), added to the quote boxes' by the share links. */
const EN = {
  shareOn: "Share on {network}",
  shareBy: "Share by {network}",
  share: "Share",
  shares_one: "{n} share",
  shares_other: "{n} shares",
  shareBar: "Share this page",
  instance: "Your Mastodon server (for example mastodon.social):",
};

const FR: typeof EN = {
  shareOn: "Partager sur {network}",
  shareBy: "Partager par {network}",
  share: "Partager",
  shares_one: "{n} partage",
  shares_other: "{n} partages",
  shareBar: "Partager cette page",
  instance: "Ton serveur Mastodon (par exemple mastodon.social)\u202f:",
};

/** `[English, French]`, as loaderI18n's `more` wants them. */
export const SHARE_STRINGS = [EN, FR];
