import { commentsBuild } from "./vite.comments.config.js";

// `comments.fr.js`: the comments app with the French strings instead of the English ones,
// for French pages (see vite.comments.config.ts).
export default commentsBuild("fr");
