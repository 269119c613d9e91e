/**
 * Tracking codes, apart from the contract's index: the server and the form's status view (a lazy
 * chunk) read them; the form's first view never does.
 */
/**
 * A tracking code as printed: 10 Crockford base-32 characters in two groups of five
 * (`7K3MQ-9ABX4`), 50 random bits — short enough to write down or read over the phone. It reads
 * the status with the reference; lookups are rate-limited per client and per reference, so it
 * stays as safe as the long status token (https://www.crockford.com/base32.html).
 */
export const TRACKING_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

/**
 * A tracking code as typed by a person, in its printed form (`XXXXX-XXXXX`), or `undefined` when
 * it cannot be one. As Crockford's base 32 says: case, spaces and dashes do not matter, `I` and
 * `L` read as `1`, `O` as `0`.
 */
export function normalizeTrackingCode(text: string): string | undefined {
  const compact = text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (!/^[0-9A-HJKMNP-TV-Z]{10}$/.test(compact)) return undefined;
  return `${compact.slice(0, 5)}-${compact.slice(5)}`;
}
