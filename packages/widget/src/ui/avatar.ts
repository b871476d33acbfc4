import { html } from "htm/preact";

/**
 * A reader's picture, drawn here from the hash the server sends (no third-party request): a
 * symmetric 5 × 5 pattern in a colour taken from the hash. An https URL (the owner turned
 * Gravatar on) is shown as an image instead.
 */
export function Avatar(hash: string) {
  if (/^https:\/\//.test(hash)) {
    return html`<img class="av" src=${hash} alt="" width="40" height="40" loading="lazy" referrerpolicy="no-referrer" part="avatar" />`;
  }
  const nib = (i: number) => Number.parseInt(hash[i % hash.length] ?? "0", 16) || 0;
  let d = "";
  // Four cells are always filled (two rows, two columns): however the hash falls, the picture
  // is never a bare bar, a lone column or nothing.
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 3; x++) {
      if (nib(2 + y * 3 + x) > 7 || (x === 1 && y % 2)) d += `M${x} ${y}h1v1h-1zM${4 - x} ${y}h1v1h-1z`;
    }
  }
  // The hue in presentation attributes, not a style attribute: the server's HTML of the
  // thread must pass a Content-Security-Policy without 'unsafe-inline'.
  const hue = Math.round((nib(0) * 16 + nib(1)) * 1.4);
  return html`<svg class="av" viewBox="-1 -1 7 7" aria-hidden="true" part="avatar"><rect x="-1" y="-1" width="7" height="7" fill=${`hsl(${hue} 50% 50%)`} /><path d=${d} fill=${`hsl(${hue} 60% 45%)`} /></svg>`;
}
