/**
 * The status link of a receipt, read and written: `?ref=PRX-…&token=…` on the page the form is on.
 * Apart from status.ts so that the form's first view carries only this (the status view loads later).
 */

/** A concern reference as typed by a resident: trimmed, upper-cased, with the dashes it may have lost. */
export function normalizeReference(text: string): string {
  const compact = text.trim().toUpperCase().replace(/[\s-]/g, '');
  if (/^PRX[0-9A-Z]{8}$/.test(compact)) return `PRX-${compact.slice(3, 7)}-${compact.slice(7)}`;
  return text.trim().toUpperCase();
}

/** `ref` and `token` from a query string (`?ref=PRX-…&token=…`); empty strings when absent. */
export function readStatusParams(search: string): { reference: string; token: string } {
  const params = new URLSearchParams(search);
  return {
    reference: normalizeReference(params.get('ref') ?? ''),
    token: (params.get('token') ?? '').trim(),
  };
}

/** A link to this page in status mode for a receipt (the page's own URL with `ref` and `token`). */
export function statusPageUrl(pageUrl: string, reference: string, token: string): string {
  const url = new URL(pageUrl);
  url.hash = '';
  url.searchParams.set('ref', reference);
  url.searchParams.set('token', token);
  return url.href;
}
