/** Builds request paths: every interpolated value is percent-encoded as one path segment. */
export function path(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce(
    (out, part, i) => out + part + (i < values.length ? encodeURIComponent(values[i]!) : ''),
    '',
  );
}

/** A query value: `undefined` and `null` are left out; arrays become comma-separated lists. */
export type QueryValue = string | number | boolean | readonly (string | number)[] | null | undefined;
export type Query = Record<string, QueryValue>;

/** `?a=1&b=2` (keys sorted, so equal queries give equal URLs and cache keys), or `''`. */
export function queryString(query: Query | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value === undefined || value === null) continue;
    params.append(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** `base` without trailing slashes + `path` (which starts with `/`) + the query string. */
export function joinUrl(base: string, pathname: string, query?: Query): string {
  return base.replace(/\/+$/, '') + pathname + queryString(query);
}
