/**
 * Page ids of pages told apart by a query parameter rather than by their path, as
 * WordPress's plain permalinks are (`/?p=123`): the widget derives them
 * (`data-page-id-param`) and the WordPress importer maps posts to them (`--page-id-param`)
 * with this one rule, so both agree.
 */

/**
 * What a page id adds to the path: `?name=value` for the first of `names` (comma-separated,
 * e.g. `"p,page_id"`) that `query` holds with a value, the value as decoded; `""` when it
 * holds none of them (the page id is then the path, as for every other page).
 *
 * @example
 * "/" + pageIdQuery(new URLSearchParams("?p=123&utm_source=feed"), "p,page_id") // "/?p=123"
 */
export function pageIdQuery(query: URLSearchParams, names: string): string {
  const name = names.split(",").find((n) => n && query.get(n));
  return name ? `?${name}=${query.get(name)}` : "";
}
