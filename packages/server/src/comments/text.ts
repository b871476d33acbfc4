/** Text as the server stores it, whatever the field. */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Without NUL (PostgreSQL refuses it); unpaired UTF-16 surrogates, which UTF-8 cannot hold, become U+FFFD. */
export function cleanText(value: string): string {
  return value.replaceAll("\u0000", "").replace(LONE_SURROGATE, "\uFFFD");
}
