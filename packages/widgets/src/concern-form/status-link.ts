/**
 * The status link of a receipt, read and written: `#ref=PRX-…&token=…` on the page the form is on.
 * Apart from status.ts so that the form's first view carries only this (the status view loads later).
 */

/** A concern reference as typed by a resident: trimmed, upper-cased, with the dashes it may have lost. */
export function normalizeReference(text: string): string {
  const compact = text.trim().toUpperCase().replace(/[\s-]/g, '');
  if (/^PRX[0-9A-Z]{8}$/.test(compact)) return `PRX-${compact.slice(3, 7)}-${compact.slice(7)}`;
  return text.trim().toUpperCase();
}

/**
 * `ref` and `token` of a status link: from the fragment (`#ref=PRX-…&token=…`, what receipts
 * write: a fragment never travels in a `Referer`), else from the query string (older links).
 */
export function readStatusParams(where: { search: string; hash: string }): {
  reference: string;
  token: string;
} {
  const hash = new URLSearchParams(where.hash.slice(1));
  const params = hash.has('ref') ? hash : new URLSearchParams(where.search);
  return {
    reference: normalizeReference(params.get('ref') ?? ''),
    token: (params.get('token') ?? '').trim(),
  };
}

/**
 * A link to this page in status mode for a receipt: the page's own URL with `ref` and `token` in
 * its fragment, so that the token never leaks through `Referer` to the sites the page links to.
 */
export function statusPageUrl(pageUrl: string, reference: string, token: string): string {
  const url = new URL(pageUrl);
  for (const key of ['ref', 'token']) url.searchParams.delete(key);
  url.hash = new URLSearchParams({ ref: reference, token }).toString();
  return url.href;
}
