/**
 * Small monochrome marks of our own drawing for the share pills (24 × 24, filled with the
 * text colour, even-odd rule): no icon font, no image from elsewhere. Decorative only —
 * every link is named in words.
 */
import type { ShareNetwork } from "@causette/types";

export const ICONS: Partial<Record<ShareNetwork, string>> = {
  x: "M3 3h5.5L21 21h-5.5zM19.2 3H21L4.8 21H3z",
  bluesky:
    "M12 10.5C10.2 7 6.6 4 4.6 4 2.9 4 2.7 5.6 3.1 8.4c.4 2.6 2.8 3.5 5.3 3.2-2.8.6-4.6 2.5-2.2 4.6 2.8 2.4 4.8-.9 5.8-4.3 1 3.4 3 6.7 5.8 4.3 2.4-2.1.6-4-2.2-4.6 2.5.3 4.9-.6 5.3-3.2.4-2.8.2-4.4-1.5-4.4-2 0-5.6 3-7.4 6.5z",
  mastodon:
    "M5 3h14a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-7.5L7 20v-4H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm2.5 4v6h2V9.5h1.5V13h2V9.5h1.5V13h2V7z",
  threads:
    "M12 2a10 10 0 1 0 5 18.7l-1-1.7A8 8 0 1 1 20 12v1a1.5 1.5 0 0 1-3 0V7.5h-2v.9A4.5 4.5 0 1 0 15.7 15 3.5 3.5 0 0 0 22 13v-1A10 10 0 0 0 12 2zm0 7.5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5z",
  linkedin:
    "M4 9h3.2v11H4zM5.6 3.5a1.9 1.9 0 1 1 0 3.8 1.9 1.9 0 0 1 0-3.8zM9.5 9h3.1v1.5c.6-1 1.9-1.8 3.6-1.8 3 0 3.8 2 3.8 4.7V20h-3.2v-5.8c0-1.4-.4-2.4-1.8-2.4s-2.3 1-2.3 2.5V20H9.5z",
  facebook:
    "M14 22v-8.5h2.9l.5-3.5H14V8c0-1 .4-1.8 1.8-1.8h1.7V3.1c-.3 0-1.4-.1-2.6-.1-2.7 0-4.4 1.6-4.4 4.5V10H7.6v3.5h2.9V22z",
  pinterest:
    "M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7zm0 4.3a2.7 2.7 0 1 1 0 5.4 2.7 2.7 0 0 1 0-5.4z",
  whatsapp:
    "M12 2.5a9.5 9.5 0 0 0-8.2 14.3L2.5 21.5l4.8-1.3A9.5 9.5 0 1 0 12 2.5zM8.6 7.2c.3 0 .6 0 .8.5l1 2.2c.1.3 0 .5-.1.7l-.6.7c.8 1.5 2 2.6 3.5 3.4l.7-.8c.2-.2.4-.3.7-.2l2.2 1c.4.2.4.4.4.7-.1 1.2-1.2 2-2.3 2-3.6-.3-7.4-4-7.6-7.6 0-1.2.7-2.3 1.3-2.6z",
  email: "M3 5h18v14H3zm2.2 2L12 12l6.8-5zM5 9.3V17h14V9.3L12 14.4z",
};

/** The mark of `network` as an `<svg>`, hidden from assistive tech; null when there is none. */
export function icon(network: ShareNetwork): SVGElement | null {
  const d = ICONS[network];
  if (!d) return null;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(ns, "path");
  path.setAttribute("d", d);
  path.setAttribute("fill-rule", "evenodd");
  svg.append(path);
  return svg;
}
